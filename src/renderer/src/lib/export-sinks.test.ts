import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, ok } from '../../../shared/result'

/** The desktop transport, answering as main does; each call is recorded in order. */
const main = vi.hoisted(() => ({
  calls: [] as string[],
  failAppend: -1,
  cancelDialog: false
}))

vi.mock('./api', () => {
  const decode = (data: Uint8Array): string => new TextDecoder().decode(data)
  let appended = 0
  let received = 0
  return {
    api: {
      beginExport: ({ defaultName }: { defaultName: string }) => {
        main.calls.push(`begin ${defaultName}`)
        appended = 0
        received = 0
        return Promise.resolve(ok(main.cancelDialog ? null : { id: 'e1', path: `/out/${defaultName}` }))
      },
      appendExport: async ({ data }: { data: Uint8Array }) => {
        // Each answered sooner than the one before, so parts sent without waiting would land out of order.
        await new Promise((resolve) => setTimeout(resolve, 20 - 5 * received++))
        main.calls.push(`append ${decode(data)}`)
        return appended++ === main.failAppend
          ? fail('internal', 'Could not write /out/x: disk full')
          : ok(null)
      },
      finishExport: () => {
        main.calls.push('finish')
        return Promise.resolve(ok({ path: '/out/x.jsonl' }))
      },
      abortExport: () => {
        main.calls.push('abort')
        return Promise.resolve(ok(null))
      }
    }
  }
})

const { desktopSink } = await import('./export-sinks')
const blob = (text: string): Blob => new Blob([text])

describe('desktopSink', () => {
  beforeEach(() => {
    main.calls = []
    main.failAppend = -1
    main.cancelDialog = false
  })

  it('asks where first, sends the parts one at a time in order, and finishes once they are all sent', async () => {
    const sink = (await desktopSink('x.jsonl'))!
    for (const part of ['a', 'b', 'c']) sink.write(blob(part))
    expect(await sink.close()).toBe('to /out/x.jsonl')
    expect(main.calls).toEqual(['begin x.jsonl', 'append a', 'append b', 'append c', 'finish'])
  })

  it('is not opened when the user cancels the dialog', async () => {
    main.cancelDialog = true
    expect(await desktopSink('x.jsonl')).toBeUndefined()
    expect(main.calls).toEqual(['begin x.jsonl'])
  })

  it('stops sending at the first part main could not write, and fails with its message', async () => {
    main.failAppend = 1
    const sink = (await desktopSink('x.jsonl'))!
    for (const part of ['a', 'b', 'c']) sink.write(blob(part))
    await expect(sink.close()).rejects.toThrow('Could not write /out/x: disk full')
    expect(main.calls).toEqual(['begin x.jsonl', 'append a', 'append b'])
  })

  it('aborts once the parts already given are sent', async () => {
    const sink = (await desktopSink('x.jsonl'))!
    sink.write(blob('a'))
    await sink.abort()
    expect(main.calls).toEqual(['begin x.jsonl', 'append a', 'abort'])
  })
})
