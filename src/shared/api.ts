import { z } from 'zod'
import type { Channel, MenuCommand } from './channels'
import type { Result } from './result'

/**
 * The one contract between the renderer and the main-process handlers.
 * Electron carries it over IPC, the browser shell over HTTP; both validate
 * every argument against `argSchemas` before a handler sees it.
 */

export const ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
  'iso-8859-2',
  'iso-8859-15',
  'windows-1250',
  'windows-1251',
  'koi8-r',
  'shift_jis',
  'euc-jp',
  'gb18030',
  'big5',
  'euc-kr'
] as const
export type Encoding = (typeof ENCODINGS)[number]

export type DocEntry =
  | { id: string; size: number; kind: DocKind; error?: undefined }
  | { id: string; size: number; kind: DocKind; error: string }

export type DocKind = 'text' | 'markdown' | 'html'

export type CorpusListing = { root: string; name: string; docs: DocEntry[] }

export type LoadedDoc = {
  id: string
  text: string
  sha256: string
  /** The encoding the bytes were decoded with. */
  encoding: Encoding
  /** Set when the encoding was guessed rather than known (no BOM, not UTF-8). */
  warning?: string
}

export type SearchHit = {
  docId: string
  /** Code point offsets of the match. */
  start: number
  end: number
  before: string
  match: string
  after: string
}

/**
 * Text hits, first ones first. `total` counts matches up to a limit; `more` says the search stopped
 * there, so there are more than `total`. `truncated` says not every counted match is in `hits`.
 */
export type SearchResult = { hits: SearchHit[]; total: number; truncated: boolean; more: boolean }

export type AppInfo = {
  shell: 'electron' | 'browser'
  userName: string
  /** Whether this shell can show a native folder picker. */
  canPickFolder: boolean
}

const docId = z
  .string()
  .min(1)
  .max(4096)
  .refine((id) => !id.includes('\0'), 'document id contains a NUL character')

/** The most documents one readDocuments request may ask for. */
export const MAX_DOCS_PER_READ = 1000

/** Names an export being written (from beginExport). */
const exportId = z.uuid()

export const argSchemas = {
  appInfo: z.tuple([]),
  listCorpus: z.tuple([]),
  pickCorpus: z.tuple([]),
  readDocument: z.tuple([z.object({ id: docId, encoding: z.enum(ENCODINGS).optional() }).strict()]),
  readDocuments: z.tuple([z.object({ ids: z.array(docId).max(MAX_DOCS_PER_READ) }).strict()]),
  searchCorpus: z.tuple([z.object({ query: z.string().min(1).max(1000) }).strict()]),
  beginExport: z.tuple([
    z
      .object({
        defaultName: z
          .string()
          .min(1)
          .max(255)
          .refine((name) => !/[/\\\0]/.test(name), 'a file name, not a path')
      })
      .strict()
  ]),
  /** The export's next part; a large export is sent a run at a time, never joined in one buffer. */
  appendExport: z.tuple([z.object({ id: exportId, data: z.instanceof(Uint8Array) }).strict()]),
  finishExport: z.tuple([z.object({ id: exportId }).strict()]),
  abortExport: z.tuple([z.object({ id: exportId }).strict()]),
  openImport: z.tuple([])
} satisfies Record<Channel, z.ZodType<unknown[]>>

export type { Channel }
export type ArgsOf<C extends Channel> = z.infer<(typeof argSchemas)[C]>

type Results = {
  appInfo: AppInfo
  listCorpus: CorpusListing
  /** Shows a folder picker; `null` when the user cancels. */
  pickCorpus: CorpusListing | null
  readDocument: LoadedDoc
  /** Each document asked for, in order, or why it could not be read. */
  readDocuments: Result<LoadedDoc>[]
  searchCorpus: SearchResult
  /** Asks where to save and opens the file there; `null` when the user cancels. */
  beginExport: { id: string; path: string } | null
  appendExport: null
  /** Puts the whole file in place (until then the target is as it was); says where. */
  finishExport: { path: string }
  /** Throws away what was written of it. */
  abortExport: null
  /** Asks for files to import and reads them; `null` when the user cancels. */
  openImport: ImportedFile[] | null
}

export type ImportedFile = { name: string; data: Uint8Array }

export type ResultOf<C extends Channel> = Results[C]

/** What main implements once and both transports expose. */
export type Handlers = { [C in Channel]: (...args: ArgsOf<C>) => Promise<Result<ResultOf<C>>> }

/** What the renderer calls, whichever shell it runs in. */
export type SpanmarkApi = Handlers & {
  /** Menu commands from the native menu; absent where the shell has no menu. */
  onMenuCommand?: (listener: (command: MenuCommand) => void) => () => void
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(argSchemas, name)
}

/** Validates raw arguments from the other side of a transport. */
export function parseArgs<C extends Channel>(channel: C, raw: unknown): Result<ArgsOf<C>> {
  const parsed = argSchemas[channel].safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data as ArgsOf<C> }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
  return {
    ok: false,
    error: { code: 'invalid-argument', message: `${channel}: ${issue?.message ?? 'bad arguments'}${where}` }
  }
}
