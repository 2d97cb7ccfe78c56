import path from 'node:path'
import { createHandlers } from './handlers'
import { startShell } from './http-shell'
import { argValue, rendererDir, sampleCorpusDir } from './paths'

/**
 * The browser keeps annotations per origin, so the default port is fixed: the
 * same port next time finds the same data. `--port=0` takes any free port.
 */
const DEFAULT_PORT = 4317

/** `npm run serve -- --corpus=<dir> [--port=<n>]`: Spanmark in a browser, over loopback. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const corpus = path.resolve(argValue(argv, 'corpus') ?? sampleCorpusDir())
  const portArg = argValue(argv, 'port') ?? String(DEFAULT_PORT)
  const port = Number(portArg)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Spanmark: --port must be a number from 0 to 65535, not "${portArg}"`)
    process.exit(2)
  }
  const handlers = createHandlers({ shell: 'browser', corpusRoot: corpus })
  const listing = await handlers.listCorpus()
  if (!listing.ok) {
    console.error(`Spanmark: ${listing.error.message}`)
    process.exit(2)
  }
  const shell = await startShell({ handlers, rendererDir: rendererDir(), port }).catch((error: unknown) => {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    console.error(
      busy
        ? `Spanmark: port ${port} is in use; pass --port=<n> (annotations are kept per port)`
        : `Spanmark: ${(error as Error).message}`
    )
    process.exit(2)
  })
  console.log(`Spanmark listening on ${shell.url}`)
  const stop = (): void => {
    void shell.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`Spanmark: ${(error as Error).message}`)
  process.exit(1)
})
