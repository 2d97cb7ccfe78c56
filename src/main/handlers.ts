import { userInfo } from 'node:os'
import type { AppInfo, Handlers } from '../shared/api'
import { fail, ok } from '../shared/result'
import { listCorpus, readDocument } from './corpus'
import { searchCorpus } from './search'

export type HandlerContext = {
  shell: AppInfo['shell']
  /** The corpus folder the app has open now. */
  corpusRoot: string
  /** Shows a native folder picker; absent where the shell has none. */
  pickFolder?: () => Promise<string | undefined>
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
    searchCorpus: ({ query }) => searchCorpus(context.corpusRoot, query)
  }
}
