import { mapLimit } from '../../../shared/concurrency'
import { docWriter, isDocFormat } from '../../../shared/formats/export'
import { writeJob, type ExportJob, type JobDoc, type JobOutput, type JobReply } from './export-job'
import ExportWorker from './export-worker?worker'

/** Workers at most, however many cores: each holds its share of the file until it is joined. */
const MAX_WORKERS = 4
/** Jobs per worker, so that one run of heavy documents does not leave the other workers idle. */
const JOBS_PER_WORKER = 4
/** A job's documents hold at most this many characters of text (or one longer document on its own). */
const JOB_CHARS = 8 * 1024 * 1024

export type JobRunner = { run: (job: ExportJob) => Promise<JobOutput>; stop: () => void }

/** Writes jobs on the page's own thread. */
export const pageRunner = (): JobRunner => ({ run: writeJob, stop: () => undefined })

/**
 * A worker that writes jobs. Should the worker not start (a shell without workers), its job and every
 * later one are written by `inline`, on the page's own thread.
 */
export function startWorker(
  create: () => Worker = () => new ExportWorker(),
  inline: (job: ExportJob) => Promise<JobOutput> = writeJob
): JobRunner {
  let worker: Worker | undefined
  try {
    worker = create()
  } catch {
    worker = undefined
  }
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        if (!worker) return resolve(inline(job))
        worker.onmessage = ({ data }: MessageEvent<JobReply>) =>
          data.ok ? resolve(data.output) : reject(new Error(data.message))
        worker.onerror = (event) => {
          event.preventDefault()
          worker?.terminate()
          worker = undefined
          resolve(inline(job))
        }
        worker.postMessage(job)
      }),
    stop: () => worker?.terminate()
  }
}

/** The runs of documents an export is written in: many for a format written a document at a time, else one. */
export function exportJobs(
  base: Omit<ExportJob, 'docs'>,
  docs: readonly JobDoc[],
  workers: number
): ExportJob[] {
  if (!isDocFormat(base.format)) return [{ ...base, docs: [...docs] }]
  const perJob = Math.max(1, Math.ceil(docs.length / (workers * JOBS_PER_WORKER)))
  const jobs: ExportJob[] = []
  let run: JobDoc[] = []
  let chars = 0
  for (const doc of docs) {
    if (run.length && (run.length >= perJob || chars + doc.text.length > JOB_CHARS)) {
      jobs.push({ ...base, docs: run })
      run = []
      chars = 0
    }
    run.push(doc)
    chars += doc.text.length
  }
  if (run.length) jobs.push({ ...base, docs: run })
  return jobs
}

/** How many workers an export uses here: one per core, two at least, `MAX_WORKERS` at most. */
const workerCount = (): number => Math.min(MAX_WORKERS, Math.max(2, navigator.hardwareConcurrency || 2))

/**
 * Writes jobs on `runners`, each taking the next job when it is done, and hands each output to `take`
 * in the jobs' order (an output that comes early waits for those before it). Returning false from
 * `take` stops before the next job. The runners are stopped at the end. Resolves true if every job
 * was written and taken.
 */
export async function writeJobs(
  jobs: readonly ExportJob[],
  runners: readonly JobRunner[],
  take: (output: JobOutput, job: ExportJob) => boolean | void
): Promise<boolean> {
  let stopped = false
  const early = new Map<number, JobOutput>()
  let next = 0
  try {
    await mapLimit(jobs, runners.length, async (job, index, lane) => {
      if (stopped) return
      try {
        early.set(index, await runners[lane]!.run(job))
      } catch (error) {
        // A failed job fails the export: nothing more is taken, whatever the other runners finish.
        stopped = true
        throw error
      }
      while (!stopped && early.has(next)) {
        const output = early.get(next)!
        early.delete(next)
        if (take(output, jobs[next]!) === false) stopped = true
        next++
      }
    })
  } finally {
    for (const runner of runners) runner.stop()
  }
  return !stopped && next === jobs.length
}

/**
 * Writes an export's documents in runs, on workers (or, `onPage`, on the page's own thread), and hands
 * the file's parts to `write` in order as they are written: for a format written by document, its
 * head, the runs with separators between, and its tail. `onJob` hears of each run written; returning
 * false from it stops the writing. Says how many spans the file holds and how many orphaned spans it
 * left out, or undefined when it was stopped.
 */
export async function writeExport(
  base: Omit<ExportJob, 'docs'>,
  docs: readonly JobDoc[],
  onPage: boolean,
  write: (part: Blob) => void,
  onJob?: (job: ExportJob) => boolean | void
): Promise<{ spans: number; orphans: number } | undefined> {
  const lanes = onPage ? 1 : workerCount()
  const jobs = exportJobs(base, docs, lanes)
  const runners = onPage
    ? [pageRunner()]
    : Array.from({ length: Math.min(lanes, jobs.length) }, () => startWorker())
  const writer = isDocFormat(base.format) ? docWriter(base.format, base.meta) : undefined
  if (writer) write(new Blob([writer.head]))
  const between = writer && new Blob([writer.separator])
  let spans = 0
  let orphans = 0
  let runs = 0
  const whole = await writeJobs(jobs, runners, (output, job) => {
    if (between && runs++ > 0) write(between)
    write(output.data)
    spans += output.spans
    orphans += output.orphans
    return onJob?.(job)
  })
  if (!whole) return undefined
  if (writer) write(new Blob([writer.tail]))
  return { spans, orphans }
}
