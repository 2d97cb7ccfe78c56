import { describe, expect, it } from 'vitest'
import type { ExportJob, JobDoc, JobOutput, JobReply } from './export-job'
import { exportJobs, startWorker, writeJobs, type JobRunner } from './export-workers'

const META = { annotator: 'ann', labels: [], exportedAt: '2026-01-01T00:00:00.000Z' }
const base = (format: ExportJob['format']): Omit<ExportJob, 'docs'> => ({
  corpus: '/corpus',
  layer: 'mine',
  format,
  meta: META,
  baseName: 'c'
})
const docs = (lengths: number[]): JobDoc[] =>
  lengths.map((n, i) => ({ id: `d${i}.txt`, sha256: '', text: 'x'.repeat(n) }))
const output = (n: number): JobOutput => ({ data: new Blob([String(n)]), spans: n, orphans: 0 })

describe('exportJobs', () => {
  it('gives each worker several runs of documents, in order, for a format written by document', () => {
    const all = docs(Array<number>(20).fill(10))
    const jobs = exportJobs(base('spanmark'), all, 2)
    expect(jobs.map((j) => j.docs.length)).toEqual([3, 3, 3, 3, 3, 3, 2])
    expect(jobs.flatMap((j) => j.docs)).toEqual(all)
    expect(jobs.every((j) => j.format === 'spanmark' && j.corpus === '/corpus')).toBe(true)
  })

  it('cuts a run before 8 M characters of text, and a longer document goes alone', () => {
    const M = 1024 * 1024
    const jobs = exportJobs(base('jsonl'), docs([5 * M, 5 * M, 20 * M, 1, 1, 1, 1, 1]), 1)
    expect(jobs.map((j) => j.docs.map((d) => d.text.length))).toEqual([
      [5 * M],
      [5 * M],
      [20 * M],
      [1, 1],
      [1, 1],
      [1]
    ])
  })

  it('writes a format not written by document as one job of every document', () => {
    const all = docs([1, 2, 3])
    expect(exportJobs(base('brat'), all, 4)).toEqual([{ ...base('brat'), docs: all }])
  })
})

/** A runner that answers job `n` (the number of its first document) after `n` ms, out of order. */
const slowRunner = (stopped: boolean[]): JobRunner => {
  const index = stopped.push(false) - 1
  return {
    run: (job) => {
      const n = Number(job.docs[0]!.id.slice(1, -4))
      return new Promise((resolve) => setTimeout(() => resolve(output(n)), (5 - n) * 3))
    },
    stop: () => (stopped[index] = true)
  }
}

describe('writeJobs', () => {
  const jobs = exportJobs(base('jsonl'), docs([1, 1, 1, 1, 1]), 1).flatMap((job) =>
    job.docs.map((doc) => ({ ...job, docs: [doc] }))
  )

  it('hands the outputs on in the jobs order however the runners finish, and stops every runner', async () => {
    const stopped: boolean[] = []
    const taken: number[] = []
    const whole = await writeJobs(jobs, [slowRunner(stopped), slowRunner(stopped)], (o) => {
      taken.push(o.spans)
    })
    expect(taken).toEqual([0, 1, 2, 3, 4])
    expect(whole).toBe(true)
    expect(stopped).toEqual([true, true])
  })

  it('stops before the next job when told to', async () => {
    const stopped: boolean[] = []
    const taken: number[] = []
    const whole = await writeJobs(jobs, [slowRunner(stopped)], (o) => taken.push(o.spans) < 2)
    expect(taken).toEqual([0, 1])
    expect(whole).toBe(false)
    expect(stopped).toEqual([true])
  })

  it('fails on a job that fails, and takes nothing the other runners finish after it', async () => {
    const taken: number[] = []
    const after = (ms: number, outcome: () => Promise<JobOutput>): Promise<JobOutput> =>
      new Promise((resolve) => setTimeout(resolve, ms)).then(outcome)
    const runner = (ms: number, fails: boolean): JobRunner => ({
      run: (job) =>
        after(ms, () =>
          fails ? Promise.reject(new Error('storage is gone')) : Promise.resolve(output(job.docs.length))
        ),
      stop: () => undefined
    })
    // Job 0 is slow and fine; job 1, beside it, fails first.
    const writing = writeJobs(jobs.slice(0, 2), [runner(20, false), runner(5, true)], (o) => {
      taken.push(o.spans)
    })
    await expect(writing).rejects.toThrow('storage is gone')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(taken).toEqual([])
  })
})

/** Enough of a Worker for startWorker: it answers each message with `reply`, or fails to start. */
class FakeWorker {
  onmessage: ((event: MessageEvent<JobReply>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  constructor(private readonly reply: JobReply | 'fail') {}
  postMessage(): void {
    queueMicrotask(() => {
      if (this.reply === 'fail')
        this.onerror?.({ message: 'no worker', preventDefault: () => undefined } as ErrorEvent)
      else this.onmessage?.({ data: this.reply } as MessageEvent<JobReply>)
    })
  }
  terminate(): void {
    this.terminated = true
  }
}

describe('startWorker', () => {
  const job = { ...base('jsonl'), docs: docs([1]) }
  const inline = (): Promise<JobOutput> => Promise.resolve(output(7))

  it("answers with the worker's output, or its error", async () => {
    const fine = startWorker(
      () => new FakeWorker({ ok: true, output: output(3) }) as unknown as Worker,
      inline
    )
    expect((await fine.run(job)).spans).toBe(3)
    const failing = startWorker(
      () => new FakeWorker({ ok: false, message: 'storage is gone' }) as unknown as Worker,
      inline
    )
    await expect(failing.run(job)).rejects.toThrow('storage is gone')
  })

  it('writes on the page when the worker cannot start or be made, and goes on doing so', async () => {
    const broken = new FakeWorker('fail')
    const runner = startWorker(() => broken as unknown as Worker, inline)
    expect((await runner.run(job)).spans).toBe(7)
    expect(broken.terminated).toBe(true)
    expect((await runner.run(job)).spans).toBe(7)
    const unmade = startWorker(() => {
      throw new Error('Worker is not defined')
    }, inline)
    expect((await unmade.run(job)).spans).toBe(7)
  })
})
