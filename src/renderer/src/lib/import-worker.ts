import { runImport, type FromImportWorker, type ToImportWorker } from './import-job'
import type { CorpusDoc } from '../../../shared/formats/place'

/**
 * An import worker: runs one import off the page, asking the page for the corpus texts it needs,
 * telling it each step, and asking leave before it stores anything. It says it is ready first, so
 * the page hands over the files' bytes only to a worker that started.
 */
const post = (message: FromImportWorker): void => self.postMessage(message)
let answer: ((docs: [string, CorpusDoc][]) => void) | undefined
let allowed: ((go: true) => void) | undefined

self.onmessage = ({ data }: MessageEvent<ToImportWorker>) => {
  if (data.kind === 'docs') return answer?.(data.docs)
  if (data.kind === 'store') return allowed?.(true)
  void runImport(data.job, {
    readDocs: (ids) =>
      new Promise((resolve) => {
        answer = resolve
        post({ kind: 'read', ids })
      }),
    step: (step) => post({ kind: 'step', step }),
    // A page that cancels stops this worker rather than answer, so only a yes ever comes back.
    mayStore: () =>
      new Promise((resolve) => {
        allowed = resolve
        post({ kind: 'may-store' })
      })
  }).then((outcome) => post({ kind: 'done', outcome }))
}
post({ kind: 'ready' })
