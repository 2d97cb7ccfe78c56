import { writeJob, type ExportJob, type JobReply } from './export-job'

/** An export worker: writes each job it is sent and answers with its bytes, a Blob, which is passed on, not copied. */
self.onmessage = ({ data }: MessageEvent<ExportJob>) => {
  writeJob(data).then(
    (output) => {
      const reply: JobReply = { ok: true, output }
      self.postMessage(reply)
    },
    (error: unknown) => {
      const reply: JobReply = { ok: false, message: (error as Error).message }
      self.postMessage(reply)
    }
  )
}
