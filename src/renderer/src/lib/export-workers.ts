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
 * Writes jobs on `runners`, each taking the next job when it is done; the outputs keep the jobs'
 * order. `onJob` hears of each job done, and returning false from it stops before the next
 * (the jobs left unwritten come back undefined). The runners are stopped at the end.
 */
export async function writeJobs(
  jobs: readonly ExportJob[],
  runners: readonly JobRunner[],
  onJob?: (job: ExportJob) => boolean | void
): Promise<(JobOutput | undefined)[]> {
  let stopped = false
  try {
    return await mapLimit(jobs, runners.length, async (job, _index, lane) => {
      if (stopped) return undefined
      const output = await runners[lane]!.run(job)
      if (onJob?.(job) === false) stopped = true
      return output
    })
  } finally {
    for (const runner of runners) runner.stop()
  }
}

/** A written export: the file's parts in order, and how many spans it holds and left out as orphaned. */
export type WrittenExport = { parts: Uint8Array<ArrayBuffer>[]; spans: number; orphans: number }

/**
 * Writes an export's documents in runs, on workers (or, `onPage`, on the page's own thread), and
 * joins the runs into the file: for a format written by document, between its head and tail with
 * separators. `onJob` is as for writeJobs; undefined when it stopped the writing.
 */
export async function writeExport(
  base: Omit<ExportJob, 'docs'>,
  docs: readonly JobDoc[],
  onPage: boolean,
  onJob?: (job: ExportJob) => boolean | void
): Promise<WrittenExport | undefined> {
  const lanes = onPage ? 1 : workerCount()
  const jobs = exportJobs(base, docs, lanes)
  const runners = onPage
    ? [pageRunner()]
    : Array.from({ length: Math.min(lanes, jobs.length) }, () => startWorker())
  const outputs = (await writeJobs(jobs, runners, onJob)).filter((o) => o !== undefined)
  if (outputs.length < jobs.length) return undefined
  const spans = outputs.reduce((n, o) => n + o.spans, 0)
  const orphans = outputs.reduce((n, o) => n + o.orphans, 0)
  const runs = outputs.map((o) => o.bytes)
  if (!isDocFormat(base.format)) return { parts: runs, spans, orphans }
  const { head, separator, tail } = docWriter(base.format, base.meta)
  const encoder = new TextEncoder()
  const between = encoder.encode(separator)
  const parts = [
    encoder.encode(head),
    ...runs.flatMap((run, i) => (i ? [between, run] : [run])),
    encoder.encode(tail)
  ]
  return { parts, spans, orphans }
}
