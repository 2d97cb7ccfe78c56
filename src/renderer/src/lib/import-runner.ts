import {
  importCancelled,
  importFailed,
  runImport,
  type FromImportWorker,
  type ImportIo,
  type ImportJob,
  type ImportOutcome
} from './import-job'
import ImportWorker from './import-worker?worker'

/**
 * Runs an import on a worker, so that reading, checking and storing a large file do not hold up the
 * page. Should the worker not start (a shell without workers), the import runs on the page instead;
 * the files are handed to the worker only once it says it is ready, so they are still there for that.
 * Aborting `signal` stops the worker at once, until it has been given leave to store (see ImportIo):
 * it stores nothing before that, so a cancelled import leaves everything as it was.
 */
export function importOffPage(
  job: ImportJob,
  io: ImportIo,
  signal: AbortSignal,
  create: () => Worker = () => new ImportWorker(),
  inline: (job: ImportJob, io: ImportIo) => Promise<ImportOutcome> = runImport
): Promise<ImportOutcome> {
  if (signal.aborted) return Promise.resolve(importCancelled)
  let worker: Worker
  try {
    worker = create()
  } catch {
    return inline(job, io)
  }
  return new Promise((resolve) => {
    let settled = false
    let storing = false
    const finish = (outcome: Promise<ImportOutcome> | ImportOutcome): void => {
      if (settled) return
      settled = true
      worker.terminate()
      signal.removeEventListener('abort', cancel)
      resolve(outcome)
    }
    const cancel = (): void => {
      if (!storing) finish(importCancelled)
    }
    signal.addEventListener('abort', cancel)
    worker.onerror = (event) => {
      event.preventDefault()
      finish(inline(job, io))
    }
    worker.onmessage = ({ data }: MessageEvent<FromImportWorker>) => {
      if (settled) return
      switch (data.kind) {
        case 'ready':
          // From here the worker has the import: an error in it comes back as its outcome.
          worker.onerror = (event) => {
            event.preventDefault()
            finish(importFailed(event.message))
          }
          try {
            // Bytes are handed over, not copied; a file not yet read is sent as itself, for the worker to read.
            const buffers = new Set(
              job.files.flatMap(({ data }) => (data instanceof Uint8Array ? [data.buffer] : []))
            )
            worker.postMessage(
              { kind: 'job', job },
              { transfer: [...buffers].filter((b) => b instanceof ArrayBuffer) }
            )
          } catch {
            // Not sent, so nothing was handed over: the import runs on the page.
            finish(inline(job, io))
          }
          break
        case 'read':
          void io.readDocs(data.ids).then(
            (docs) => !settled && worker.postMessage({ kind: 'docs', docs }),
            (error: unknown) => finish(importFailed((error as Error).message))
          )
          break
        case 'step':
          io.step(data.step)
          break
        case 'may-store':
          void io.mayStore().then((go) => {
            if (settled) return
            if (!go) return finish(importCancelled)
            storing = true
            worker.postMessage({ kind: 'store' })
          })
          break
        case 'done':
          finish(data.outcome)
      }
    }
  })
}
