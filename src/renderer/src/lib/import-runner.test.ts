import { describe, expect, it } from 'vitest'
import type { FromImportWorker, ImportIo, ImportJob, ImportOutcome, ToImportWorker } from './import-job'
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
 * a.txt when given the job, then reports a step and is done, naming the documents it was sent.
 */
class FakeWorker {
  onmessage: ((event: MessageEvent<FromImportWorker>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  transferred: Transferable[] = []
  constructor(private readonly start: 'ready' | 'fail' | 'crash' | 'uncloneable') {
    queueMicrotask(() => (start === 'fail' ? this.error('no worker') : this.send({ kind: 'ready' })))
  }
  private send(data: FromImportWorker): void {
    queueMicrotask(() => this.onmessage?.({ data } as MessageEvent<FromImportWorker>))
  }
  private error(message: string): void {
    queueMicrotask(() => this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent))
  }
  postMessage(message: ToImportWorker, options?: { transfer?: Transferable[] }): void {
    if (message.kind === 'job' && this.start === 'uncloneable')
      throw new DOMException('#<Object> could not be cloned.', 'DataCloneError')
    this.transferred.push(...(options?.transfer ?? []))
    if (message.kind === 'job' && this.start === 'crash') return this.error('out of memory')
    if (message.kind === 'job') return this.send({ kind: 'read', ids: ['a.txt'] })
    this.send({ kind: 'step', step: 'storing the spans' })
    const names = message.docs.map(([id, doc]) => `${id}=${doc.text}`).join(',')
    this.send({ kind: 'done', outcome: { ok: true, message: names, report: [] } })
  }
  terminate(): void {
    this.terminated = true
  }
}

/** The page's side: the texts it is asked for, and the steps it hears of. */
const page = (): ImportIo & { asked: string[][]; steps: string[] } => {
  const asked: string[][] = []
  const steps: string[] = []
  return {
    asked,
    steps,
    readDocs: (ids) => {
      asked.push(ids)
      return Promise.resolve(ids.map((id) => [id, { text: `text of ${id}`, sha256: '' }]))
    },
    step: (step) => steps.push(step)
  }
}

const onPage =
  (seen: ImportJob[]) =>
  (j: ImportJob): Promise<ImportOutcome> => {
    seen.push(j)
    return Promise.resolve({
      ok: true,
      message: `on the page, ${j.files[0]!.data.byteLength} bytes`,
      report: []
    })
  }

describe('importOffPage', () => {
  it('hands the files to a started worker, answers its reads and passes on its steps and outcome', async () => {
    const worker = new FakeWorker('ready')
    const io = page()
    const outcome = await importOffPage(job(), io, () => worker as unknown as Worker, onPage([]))
    expect(outcome).toEqual({ ok: true, message: 'a.txt=text of a.txt', report: [] })
    expect(io.asked).toEqual([['a.txt']])
    expect(io.steps).toEqual(['storing the spans'])
    expect(worker.transferred).toHaveLength(1)
    expect(worker.terminated).toBe(true)
  })

  it('imports on the page, with the files whole, when the worker cannot be made, start or be sent the job', async () => {
    const seen: ImportJob[] = []
    const broken = new FakeWorker('fail')
    const outcome = await importOffPage(job(), page(), () => broken as unknown as Worker, onPage(seen))
    expect(outcome).toMatchObject({ ok: true, message: `on the page, ${FILE.length} bytes` })
    expect(broken.transferred).toEqual([])
    expect(broken.terminated).toBe(true)
    const unmade = await importOffPage(
      job(),
      page(),
      () => {
        throw new Error('Worker is not defined')
      },
      onPage(seen)
    )
    expect(unmade).toMatchObject({ ok: true, message: `on the page, ${FILE.length} bytes` })
    const refusing = new FakeWorker('uncloneable')
    const unsent = await importOffPage(job(), page(), () => refusing as unknown as Worker, onPage(seen))
    expect(unsent).toMatchObject({ ok: true, message: `on the page, ${FILE.length} bytes` })
    expect(refusing.terminated).toBe(true)
    expect(seen).toHaveLength(3)
  })

  it('says the import failed when the worker dies with the files, and does not run it again', async () => {
    const seen: ImportJob[] = []
    const worker = new FakeWorker('crash')
    const outcome = await importOffPage(job(), page(), () => worker as unknown as Worker, onPage(seen))
    expect(outcome).toEqual({ ok: false, message: 'Import failed: out of memory' })
    expect(seen).toEqual([])
    expect(worker.terminated).toBe(true)
  })
})
