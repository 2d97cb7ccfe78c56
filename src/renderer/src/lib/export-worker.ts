import { writeJob, type ExportJob, type JobReply } from './export-job'

/** An export worker: writes each job it is sent and answers with the bytes, handed over, not copied. */
self.onmessage = ({ data }: MessageEvent<ExportJob>) => {
  writeJob(data).then(
    (output) => {
      const reply: JobReply = { ok: true, output }
      self.postMessage(reply, { transfer: [output.bytes.buffer] })
    },
    (error: unknown) => {
      const reply: JobReply = { ok: false, message: (error as Error).message }
      self.postMessage(reply)
    }
  )
}
