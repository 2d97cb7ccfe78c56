import { userInfo } from 'node:os'
import type { AppInfo, Handlers, LoadedDoc } from '../shared/api'
import { fail, ok, type Result } from '../shared/result'
import { listCorpus } from './corpus'
import { readDocument } from './documents'
import { readImportFiles, writeFileAtomic } from './files'
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

/** The plain Node implementation of the API contract; it knows nothing of Electron or HTTP. */
export function createHandlers(context: HandlerContext): Handlers {
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
    saveExport: async ({ defaultName, data }) => {
      if (!context.pickSavePath) return fail('unsupported', 'This shell saves exports as downloads.')
      const target = await context.pickSavePath(defaultName)
      if (!target) return ok(null)
      try {
        await writeFileAtomic(target, data)
        return ok({ path: target })
      } catch (error) {
        return fail('internal', `Could not write ${target}: ${(error as Error).message}`)
      }
    },
    openImport: async () => {
      if (!context.pickImportFiles) return fail('unsupported', 'This shell reads imports from a file input.')
      const paths = await context.pickImportFiles()
      return paths?.length ? readImportFiles(paths) : ok(null)
    }
  }
}
