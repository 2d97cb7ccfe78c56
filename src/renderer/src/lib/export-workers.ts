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
 * Writes jobs on `runners`, each taking the next job when it is done, and `keep`s each output as it
 * comes; what is kept keeps the jobs' order. `onJob` hears of each job done, and returning false from
 * it stops before the next (the jobs left unwritten come back undefined). The runners are stopped at the end.
 */
export async function writeJobs<Kept>(
  jobs: readonly ExportJob[],
  runners: readonly JobRunner[],
  keep: (output: JobOutput) => Kept,
  onJob?: (job: ExportJob) => boolean | void
): Promise<(Kept | undefined)[]> {
  let stopped = false
  try {
    return await mapLimit(jobs, runners.length, async (job, _index, lane) => {
      if (stopped) return undefined
      const kept = keep(await runners[lane]!.run(job))
      if (onJob?.(job) === false) stopped = true
      return kept
    })
  } finally {
    for (const runner of runners) runner.stop()
  }
}

/** A written export: the file's parts in order, as kept, and how many spans it holds and left out as orphaned. */
export type WrittenExport<Part> = { parts: Part[]; spans: number; orphans: number }

/**
 * Writes an export's documents in runs, on workers (or, `onPage`, on the page's own thread), and
 * joins the runs into the file: for a format written by document, between its head and tail with
 * separators. Each run's bytes are handed to `keep` the moment they are written (the browser shell
 * makes each one a Blob, so the page holds none of them). `onJob` is as for writeJobs; undefined when
 * it stopped the writing.
 */
export async function writeExport<Part>(
  base: Omit<ExportJob, 'docs'>,
  docs: readonly JobDoc[],
  onPage: boolean,
  keep: (bytes: Uint8Array<ArrayBuffer>) => Part,
  onJob?: (job: ExportJob) => boolean | void
): Promise<WrittenExport<Part> | undefined> {
  const lanes = onPage ? 1 : workerCount()
  const jobs = exportJobs(base, docs, lanes)
  const runners = onPage
    ? [pageRunner()]
    : Array.from({ length: Math.min(lanes, jobs.length) }, () => startWorker())
  let spans = 0
  let orphans = 0
  const written = await writeJobs(
    jobs,
    runners,
    (output) => {
      spans += output.spans
      orphans += output.orphans
      return keep(output.bytes)
    },
    onJob
  )
  const runs = written.filter((run) => run !== undefined)
  if (runs.length < jobs.length) return undefined
  if (!isDocFormat(base.format)) return { parts: runs, spans, orphans }
  const { head, separator, tail } = docWriter(base.format, base.meta)
  const encoder = new TextEncoder()
  const between = keep(encoder.encode(separator))
  const parts = [
    keep(encoder.encode(head)),
    ...runs.flatMap((run, i) => (i ? [between, run] : [run])),
    keep(encoder.encode(tail))
  ]
  return { parts, spans, orphans }
}
