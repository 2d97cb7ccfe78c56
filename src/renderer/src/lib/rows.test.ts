import { describe, expect, it } from 'vitest'
import { scrollToRow, SPARE_ROWS, visibleRows } from './rows'

describe('visibleRows', () => {
  it('draws the rows in view and a few spare on each side', () => {
    expect(visibleRows(10_000, 20, 2_000, 400)).toEqual({
      first: 100 - SPARE_ROWS,
      end: 100 - SPARE_ROWS + 20 + 2 * SPARE_ROWS
    })
  })

  it('starts at the top and stops at the last row', () => {
    expect(visibleRows(10, 20, 0, 400)).toEqual({ first: 0, end: 10 })
    expect(visibleRows(10, 20, -50, 400).first).toBe(0)
  })

  it('never starts past the end when the list shrinks under a scrolled view', () => {
    expect(visibleRows(3, 20, 5_000, 400)).toEqual({ first: 2, end: 3 })
    expect(visibleRows(0, 20, 5_000, 400)).toEqual({ first: 0, end: 0 })
  })
})

describe('scrollToRow', () => {
  it('leaves the view where it is when the row shows', () => {
    expect(scrollToRow(12, 20, 200, 100)).toBe(200)
  })

  it('scrolls up to a row above the view and down to one below it', () => {
    expect(scrollToRow(5, 20, 200, 100)).toBe(100)
    expect(scrollToRow(20, 20, 200, 100)).toBe(320)
  })
})
