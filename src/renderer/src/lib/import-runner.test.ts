import { describe, expect, it, vi } from 'vitest'
import type { CorpusDoc } from '../../../shared/formats/place'
import {
  chosenBytes,
  importCancelled,
  type FromImportWorker,
  type ImportIo,
  type ImportJob,
  type ImportOutcome,
  type ImportStep,
  type ToImportWorker
} from './import-job'
import { importOffPage } from './import-runner'

const FILE = '{"id": "a.txt", "text": "x", "label": []}'
const job = (): ImportJob => ({
  corpus: '/corpus',
  files: [{ name: 'a.jsonl', data: new TextEncoder().encode(FILE) }],
  target: 'mine',
  layerName: '',
  corpusIds: ['a.txt', 'b.txt'],
  labels: ['claim'],
  author: 'ann',
  now: '2026-01-01T00:00:00.000Z'
})

/**
 * Enough of an import worker for importOffPage: it says it is ready (or fails to start), asks for
 * a.txt when given the job, asks leave to store once it has it, then reports a step and is done,
 * naming the documents it was sent.
 */
class FakeWorker {
  onmessage: ((event: MessageEvent<FromImportWorker>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  transferred: Transferable[] = []
  /** What the page sent it, by kind. */
  sent: string[] = []
  private docs = ''
  constructor(private readonly start: 'ready' | 'fail' | 'crash' | 'uncloneable') {
    queueMicrotask(() => (start === 'fail' ? this.error('no worker') : this.send({ kind: 'ready' })))
  }
  private send(data: FromImportWorker): void {
    queueMicrotask(() => this.terminated || this.onmessage?.({ data } as MessageEvent<FromImportWorker>))
  }
  error(message: string): void {
    queueMicrotask(() => this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent))
  }
  postMessage(message: ToImportWorker, options?: { transfer?: Transferable[] }): void {
    if (message.kind === 'job' && this.start === 'uncloneable')
      throw new DOMException('#<Object> could not be cloned.', 'DataCloneError')
    if (this.terminated) throw new Error('posted to a stopped worker')
    this.sent.push(message.kind)
    this.transferred.push(...(options?.transfer ?? []))
    if (message.kind === 'job' && this.start === 'crash') return this.error('out of memory')
    if (message.kind === 'job') return this.send({ kind: 'read', ids: ['a.txt'] })
    if (message.kind === 'docs') {
      this.docs = message.docs.map(([id, doc]) => `${id}=${doc.text}`).join(',')
      return this.send({ kind: 'may-store' })
    }
    this.send({ kind: 'step', step: 'storing the spans' })
    this.send({ kind: 'done', outcome: { ok: true, message: this.docs, report: [] } })
  }
  terminate(): void {
    this.terminated = true
  }
}

/** The page's side: the texts it is asked for, the steps it hears of, and its leave to store. */
const page = (
  read: () => Promise<void> = () => Promise.resolve(),
  leave = true
): ImportIo & { asked: string[][]; steps: string[]; askedToStore: number } => {
  const io = {
    asked: [] as string[][],
    steps: [] as string[],
    askedToStore: 0,
    readDocs: async (ids: string[]) => {
      io.asked.push(ids)
      await read()
      return ids.map((id): [string, CorpusDoc] => [id, { text: `text of ${id}`, sha256: '' }])
    },
    step: (step: ImportStep) => void io.steps.push(step),
    mayStore: () => {
      io.askedToStore++
      return Promise.resolve(leave)
    }
  }
  return io
}

const onPage =
  (seen: ImportJob[]) =>
  (j: ImportJob): Promise<ImportOutcome> => {
    seen.push(j)
    return Promise.resolve({
      ok: true,
      message: `on the page, ${chosenBytes(j.files)} bytes`,
      report: []
    })
  }

/** A signal never aborted. */
const never = new AbortController().signal

describe('importOffPage', () => {
  it('hands the files to a started worker, answers its reads and passes on its steps and outcome', async () => {
    const worker = new FakeWorker('ready')
    const io = page()
    const outcome = await importOffPage(job(), io, never, () => worker as unknown as Worker, onPage([]))
    expect(outcome).toEqual({ ok: true, message: 'a.txt=text of a.txt', report: [] })
    expect(io.asked).toEqual([['a.txt']])
    expect(io.steps).toEqual(['storing the spans'])
    expect(io.askedToStore).toBe(1)
    expect(worker.sent).toEqual(['job', 'docs', 'store'])
    expect(worker.transferred).toHaveLength(1)
    expect(worker.terminated).toBe(true)
  })

  it('sends a file not yet read as itself, for the worker to read: nothing is handed over', async () => {
    const worker = new FakeWorker('ready')
    const file = new Blob([FILE])
    const outcome = await importOffPage(
      { ...job(), files: [{ name: 'a.jsonl', data: file }] },
      page(),
      never,
      () => worker as unknown as Worker,
      onPage([])
    )
    expect(outcome).toMatchObject({ ok: true })
    expect(worker.sent).toEqual(['job', 'docs', 'store'])
    expect(worker.transferred).toEqual([])
    expect(chosenBytes([{ name: 'a.jsonl', data: file }])).toBe(FILE.length)
  })

  it('imports on the page, with the files whole, when the worker cannot be made, start or be sent the job', async () => {
    const seen: ImportJob[] = []
    const broken = new FakeWorker('fail')
    const outcome = await importOffPage(job(), page(), never, () => broken as unknown as Worker, onPage(seen))
    expect(outcome).toMatchObject({ ok: true, message: `on the page, ${FILE.length} bytes` })
    expect(broken.transferred).toEqual([])
    expect(broken.terminated).toBe(true)
    const unmade = await importOffPage(
      job(),
      page(),
      never,
      () => {
        throw new Error('Worker is not defined')
      },
      onPage(seen)
    )
    expect(unmade).toMatchObject({ ok: true, message: `on the page, ${FILE.length} bytes` })
    const refusing = new FakeWorker('uncloneable')
    const unsent = await importOffPage(
      job(),
      page(),
      never,
      () => refusing as unknown as Worker,
      onPage(seen)
    )
    expect(unsent).toMatchObject({ ok: true, message: `on the page, ${FILE.length} bytes` })
    expect(refusing.terminated).toBe(true)
    expect(seen).toHaveLength(3)
  })

  it('says the import failed when the worker dies with the files, and does not run it again', async () => {
    const seen: ImportJob[] = []
    const worker = new FakeWorker('crash')
    const outcome = await importOffPage(job(), page(), never, () => worker as unknown as Worker, onPage(seen))
    expect(outcome).toEqual({ ok: false, message: 'Import failed: out of memory' })
    expect(seen).toEqual([])
    expect(worker.terminated).toBe(true)
  })

  it('stops the worker at once when cancelled before it is given leave to store, and runs nothing on the page', async () => {
    const seen: ImportJob[] = []
    const controller = new AbortController()
    let release = (): void => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const io = page(() => held)
    const worker = new FakeWorker('ready')
    const importing = importOffPage(
      job(),
      io,
      controller.signal,
      () => worker as unknown as Worker,
      onPage(seen)
    )
    await vi.waitFor(() => expect(io.asked).toHaveLength(1))
    controller.abort()
    expect(await importing).toEqual(importCancelled)
    expect(worker.terminated).toBe(true)
    // The texts it was waiting for arrive after it stopped, and are not sent.
    release()
    await held
    worker.error('stopped')
    await new Promise((resolve) => setTimeout(resolve))
    expect(worker.sent).toEqual(['job'])
    expect(io.askedToStore).toBe(0)
    expect(seen).toEqual([])
    expect(await importOffPage(job(), page(), controller.signal, () => worker as unknown as Worker)).toEqual(
      importCancelled
    )
  })

  it('stores nothing when refused leave, and can no longer be cancelled once given it', async () => {
    const refused = new FakeWorker('ready')
    expect(
      await importOffPage(job(), page(undefined, false), never, () => refused as unknown as Worker)
    ).toEqual(importCancelled)
    expect(refused.sent).toEqual(['job', 'docs'])
    expect(refused.terminated).toBe(true)
    const controller = new AbortController()
    const worker = new FakeWorker('ready')
    const io = page()
    const step = io.step
    io.step = (s) => {
      step(s)
      controller.abort()
    }
    const outcome = await importOffPage(job(), io, controller.signal, () => worker as unknown as Worker)
    expect(outcome).toEqual({ ok: true, message: 'a.txt=text of a.txt', report: [] })
    expect(worker.sent).toEqual(['job', 'docs', 'store'])
  })
})
