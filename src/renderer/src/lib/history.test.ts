import { describe, expect, it } from 'vitest'
import type { Span } from '../../../shared/spans'
import { History, invert, type Change } from './history'

const span = (id: string, label = 'claim'): Span => ({
  id,
  docId: 'd',
  start: 0,
  end: 1,
  label,
  text: 'x',
  author: 'a',
  createdAt: '',
  updatedAt: ''
})

describe('History', () => {
  it('undoes and redoes per document, last change first', () => {
    const history = new History()
    const a: Change = { after: span('a') }
    const b: Change = { after: span('b') }
    history.record('d', a)
    history.record('d', b)
    history.record('other', { after: span('c') })
    expect(history.undo('d')).toBe(b)
    expect(history.undo('d')).toBe(a)
    expect(history.undo('d')).toBeUndefined()
    expect(history.redo('d')).toBe(a)
    expect(invert(a)).toEqual({ before: a.after, after: undefined })
  })

  it('a new change clears the redo stack', () => {
    const history = new History()
    history.record('d', { after: span('a') })
    history.undo('d')
    history.record('d', { after: span('b') })
    expect(history.redo('d')).toBeUndefined()
  })

  it('revert drops a recorded change that was never stored, keeping the others', () => {
    const history = new History()
    const a: Change = { after: span('a') }
    const failed: Change = { after: span('b') }
    history.record('d', a)
    history.record('d', failed)
    history.revert('d', failed, 'record')
    expect(history.undo('d')).toBe(a)
    expect(history.undo('d')).toBeUndefined()
  })

  it('revert puts back a change whose undo or redo failed to store', () => {
    const history = new History()
    const a: Change = { after: span('a') }
    history.record('d', a)
    expect(history.undo('d')).toBe(a)
    history.revert('d', a, 'undo')
    expect(history.redo('d')).toBeUndefined()
    expect(history.undo('d')).toBe(a)
    expect(history.redo('d')).toBe(a)
    history.revert('d', a, 'redo')
    expect(history.undo('d')).toBeUndefined()
    expect(history.redo('d')).toBe(a)
  })
})
