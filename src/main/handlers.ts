import { userInfo } from 'node:os'
import type { AppInfo, Handlers, LoadedDoc } from '../shared/api'
import { fail, ok, type Result } from '../shared/result'
import { listCorpus } from './corpus'
import { readDocument } from './documents'
import { ExportFiles } from './export-files'
import { readImportFiles } from './files'
import { searchCorpus } from './search'

export type HandlerContext = {
  shell: AppInfo['shell']
  /** The corpus folder the app has open now. */
  corpusRoot: string
  /** Shows a native folder picker; absent where the shell has none. */
  pickFolder?: () => Promise<string | undefined>
  /** Asks where to save an export; absent where the shell downloads instead. */
  pickSavePath?: (defaultName: string) => Promise<string | undefined>
  /** Asks which files to import; absent where the shell reads an <input type=file> instead. */
  pickImportFiles?: () => Promise<string[] | undefined>
  /** The exports being written; the desktop app aborts those left when its window goes. */
  exportFiles?: ExportFiles
  /** Told of every corpus the user opens, so the next start can reopen it. */
  onCorpusOpened?: (root: string) => void
}

function osUserName(): string {
  try {
    return userInfo().username || 'annotator'
  } catch {
    return 'annotator'
  }
}

/** A step of writing an export; a failure is said as it is (it names the file). */
async function exportStep<T>(step: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await step())
  } catch (error) {
    return fail('internal', (error as Error).message)
  }
}

/** The plain Node implementation of the API contract; it knows nothing of Electron or HTTP. */
export function createHandlers(context: HandlerContext): Handlers {
  const exportFiles = context.exportFiles ?? new ExportFiles()
  return {
    appInfo: () =>
      Promise.resolve(
        ok({ shell: context.shell, userName: osUserName(), canPickFolder: context.pickFolder !== undefined })
      ),
    listCorpus: () => listCorpus(context.corpusRoot),
    pickCorpus: async () => {
      if (!context.pickFolder)
        return fail(
          'unsupported',
          'This shell cannot open another folder: restart it with --corpus=<folder>.'
        )
      const folder = await context.pickFolder()
      if (!folder) return ok(null)
      const listing = await listCorpus(folder)
      if (listing.ok) {
        context.corpusRoot = folder
        context.onCorpusOpened?.(folder)
      }
      return listing
    },
    readDocument: ({ id, encoding }) => readDocument(context.corpusRoot, id, encoding),
    readDocuments: async ({ ids }) => {
      const root = context.corpusRoot
      const docs: Result<LoadedDoc>[] = []
      // One at a time: small files are read synchronously anyway, and a batch's memory grows one document at a time.
      for (const id of ids) docs.push(await readDocument(root, id))
      return ok(docs)
    },
    searchCorpus: ({ query }) => searchCorpus(context.corpusRoot, query),
    beginExport: async ({ defaultName }) => {
      if (!context.pickSavePath) return fail('unsupported', 'This shell saves exports as downloads.')
      const target = await context.pickSavePath(defaultName)
      if (!target) return ok(null)
      return exportStep(async () => ({ id: await exportFiles.begin(target), path: target }))
    },
    appendExport: ({ id, data }) =>
      exportStep(async () => {
        await exportFiles.append(id, data)
        return null
      }),
    finishExport: ({ id }) => exportStep(async () => ({ path: await exportFiles.finish(id) })),
    abortExport: ({ id }) =>
      exportStep(async () => {
        await exportFiles.abort(id)
        return null
      }),
    openImport: async () => {
      if (!context.pickImportFiles) return fail('unsupported', 'This shell reads imports from a file input.')
      const paths = await context.pickImportFiles()
      return paths?.length ? readImportFiles(paths) : ok(null)
    }
  }
}
