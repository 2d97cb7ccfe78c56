import * as v from '@badrap/valita'
import type { Channel, MenuCommand } from './channels'
import type { Result } from './result'
import { check, sized } from './schema'

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

const docId = sized(1, 4096).assert((id) => !id.includes('\0'), 'document id contains a NUL character')

/** The most documents one readDocuments request may ask for. */
export const MAX_DOCS_PER_READ = 1000

/** Names an export being written (from beginExport). */
const exportId = v
  .string()
  .assert(
    (id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
    'expected a UUID'
  )

const isEncoding = (name: string): name is Encoding => (ENCODINGS as readonly string[]).includes(name)

/** Each channel's arguments; objects refuse keys they do not name. */
export const argSchemas = {
  appInfo: v.tuple([]),
  listCorpus: v.tuple([]),
  pickCorpus: v.tuple([]),
  readDocument: v.tuple([
    v.object({ id: docId, encoding: v.string().assert(isEncoding, 'not a known encoding').optional() })
  ]),
  readDocuments: v.tuple([
    v.object({
      ids: v
        .array(docId)
        .assert((ids) => ids.length <= MAX_DOCS_PER_READ, `expected at most ${MAX_DOCS_PER_READ} ids`)
    })
  ]),
  searchCorpus: v.tuple([v.object({ query: sized(1, 1000) })]),
  beginExport: v.tuple([
    v.object({
      defaultName: sized(1, 255).assert((name) => !/[/\\\0]/.test(name), 'a file name, not a path')
    })
  ]),
  /** The export's next part; a large export is sent a run at a time, never joined in one buffer. */
  appendExport: v.tuple([
    v.object({
      id: exportId,
      data: v.unknown().assert((data): data is Uint8Array => data instanceof Uint8Array, 'expected bytes')
    })
  ]),
  finishExport: v.tuple([v.object({ id: exportId })]),
  abortExport: v.tuple([v.object({ id: exportId })]),
  openImport: v.tuple([])
} satisfies Record<Channel, v.Type<unknown[]>>

export type { Channel }
export type ArgsOf<C extends Channel> = v.Infer<(typeof argSchemas)[C]>

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
  const checked = check<unknown[]>(argSchemas[channel], raw)
  if (checked.ok) return { ok: true, value: checked.value as ArgsOf<C> }
  return { ok: false, error: { code: 'invalid-argument', message: `${channel}: ${checked.problem}` } }
}
