import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { CorpusListing, DocEntry, DocKind } from '../shared/api'
import { fail, ok, type Result } from '../shared/result'
import { looksBinary } from './decode'

export const MAX_DOC_BYTES = 50 * 1024 * 1024

const HEAD_BYTES = 8 * 1024

const KINDS: Record<string, DocKind> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.html': 'html',
  '.htm': 'html'
}

export const docKind = (name: string): DocKind | undefined => KINDS[path.extname(name).toLowerCase()]

const isInside = (root: string, target: string): boolean =>
  target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)

const toId = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/')

const sizeLabel = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** What to tell the user when the corpus folder vanished while the app had it open. */
const folderGone = (root: string): string =>
  `The corpus folder ${root} is no longer there (moved or deleted). Your annotations are kept: open the folder again where it is now.`

export const reason = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : String((error as Error).message)

/** Files inspected between two turns of the event loop, so other requests are not held up long. */
const INSPECT_BATCH = 256

type Inspection = { size: number; error?: string; statKey?: string }

/** Changes whenever the file does: its size, times and inode. */
const statKeyOf = (info: Stats): string => `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`

/** Why a file cannot be a document from its stat alone: not a plain file, or too large. */
function refusedByStat(info: Stats): Inspection | undefined {
  if (!info.isFile()) return { size: 0, error: 'Refused: not a regular file' }
  if (info.size > MAX_DOC_BYTES)
    return { size: info.size, error: `Refused: ${sizeLabel(info.size)} is over the 50 MiB limit` }
  return undefined
}

/** Opened without following a link, and without waiting on a FIFO. */
const INSPECT_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

const head = new Uint8Array(HEAD_BYTES)

/**
 * Why the file at a real path cannot be opened as a document, or its size and a key that changes when
 * it does. One open, one stat and one read of its head, through the same descriptor. Synchronous: on
 * a listing of thousands of files these calls take microseconds each, where the thread pool's round
 * trips took ten times as long; callers yield between batches. Never throws.
 */
export function inspect(file: string): Inspection {
  let fd: number
  try {
    fd = openSync(file, INSPECT_FLAGS)
  } catch (error) {
    return { size: 0, error: `Unreadable: ${reason(error)}` }
  }
  try {
    const info = fstatSync(fd)
    const refused = refusedByStat(info)
    if (refused) return refused
    const bytesRead = readSync(fd, head, 0, HEAD_BYTES, 0)
    if (looksBinary(head.subarray(0, bytesRead)))
      return { size: info.size, error: 'Refused: a binary file (NUL bytes near its start)' }
    return { size: info.size, statKey: statKeyOf(info) }
  } catch (error) {
    return { size: 0, error: `Unreadable: ${reason(error)}` }
  } finally {
    closeSync(fd)
  }
}

/** Why a document that is a link cannot be opened, or the inspection of what it leads to. Never throws. */
async function inspectLink(realRoot: string, file: string): Promise<Inspection & { real?: string }> {
  let real: string
  try {
    real = await realpath(file)
  } catch (error) {
    return { size: 0, error: `Unreadable: ${reason(error)}` }
  }
  if (!isInside(realRoot, real))
    return { size: 0, error: 'Refused: a link that leads outside the corpus folder' }
  return { ...inspect(real), real }
}

/** A listed document, with the file it is read from and its stat key, for callers in main. */
export type ScannedDoc = DocEntry & { file: string; statKey?: string }

/** Every document under `root`, recursively; dot-folders are skipped, links followed only inside. */
export async function listCorpus(root: string): Promise<Result<CorpusListing>> {
  const scanned = await scanCorpus(root)
  if (!scanned.ok) return scanned
  const docs = scanned.value.docs.map(({ file: _file, statKey: _statKey, ...entry }) => entry)
  return ok({ ...scanned.value, docs })
}

/** The listing, with where each readable document's bytes are and their stat key. */
export async function scanCorpus(
  root: string
): Promise<Result<{ root: string; name: string; docs: ScannedDoc[] }>> {
  let realRoot: string
  try {
    realRoot = await realpath(root)
    if (!(await stat(realRoot)).isDirectory()) return fail('not-found', `Not a folder: ${root}`)
  } catch (error) {
    return fail(
      'not-found',
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? folderGone(root)
        : `Cannot open corpus folder ${root}: ${reason(error)}`
    )
  }
  /** Files found, each with a name problem, or whether it is a link (to resolve) or a plain file. */
  const files: { file: string; error?: string; link?: boolean }[] = []
  const visited = new Set<string>([realRoot])
  const walk = async (dir: string): Promise<void> => {
    // Names as bytes: a name that is not UTF-8 cannot be opened by its decoded (lossy) string.
    const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' }).catch(() => [])
    for (const entry of entries) {
      const name = decodeName(entry.name)
      const shown = name ?? entry.name.toString('utf8')
      if (shown.startsWith('.')) continue
      const full = path.join(dir, shown)
      if (name === undefined) {
        if (docKind(shown)) files.push({ file: full, error: `Refused: ${nameProblem(shown)}` })
      } else if (entry.isDirectory() || (entry.isSymbolicLink() && (await isDirLink(full)))) {
        const real = await realpath(full).catch(() => undefined)
        if (real && isInside(realRoot, real) && !visited.has(real)) {
          visited.add(real)
          await walk(full)
        }
      } else if (docKind(name)) {
        const problem = nameProblem(toId(root, full))
        files.push(
          problem ? { file: full, error: `Refused: ${problem}` } : { file: full, link: !entry.isFile() }
        )
      }
    }
  }
  await walk(root)
  const docs: ScannedDoc[] = []
  for (const [i, { file, error: nameError, link }] of files.entries()) {
    // A plain file in a folder already found inside the root needs no link check of its own.
    const { size, error, statKey, real } = nameError
      ? { size: 0, error: nameError, statKey: undefined, real: undefined }
      : link
        ? await inspectLink(realRoot, file)
        : { ...inspect(file), real: file }
    const entry = { id: toId(root, file), size, kind: docKind(file) as DocKind, file: real ?? file }
    docs.push(error ? { ...entry, error } : { ...entry, statKey })
    if (i % INSPECT_BATCH === INSPECT_BATCH - 1) await new Promise((resolve) => setImmediate(resolve))
  }
  docs.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
  lastScans.set(root, docs)
  return ok({ root, name: path.basename(path.resolve(root)), docs })
}

/** Each corpus's last listing: what the user sees listed, and what a search reads. */
const lastScans = new Map<string, ScannedDoc[]>()

/**
 * The documents of a corpus as last listed, each stat'ed again, so a file changed since gets a new stat
 * key (and is decoded again, never served stale from the cache). A corpus never listed, or whose
 * folder is gone, is scanned (which says so).
 */
export async function listedDocs(root: string): Promise<Result<ScannedDoc[]>> {
  const docs = lastScans.get(root)
  const there = await stat(root).then(
    (s) => s.isDirectory(),
    () => false
  )
  if (!docs || !there) {
    const scanned = await scanCorpus(root)
    return scanned.ok ? ok(scanned.value.docs) : scanned
  }
  return ok(docs.map((doc) => (doc.error ? doc : restat(doc))))
}

function restat(doc: ScannedDoc): ScannedDoc {
  try {
    const info = statSync(doc.file)
    return { ...doc, ...(refusedByStat(info) ?? { size: info.size, statKey: statKeyOf(info) }) }
  } catch (error) {
    return { ...doc, error: `Unreadable: ${reason(error)}` }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** A file name's bytes as text, or undefined when they are not UTF-8. */
function decodeName(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

/** Longest document id, in UTF-8 bytes, that the corpus accepts (Linux's PATH_MAX). */
export const MAX_ID_BYTES = 4096

/**
 * Why a document id (or a listed name) cannot be used as a file name here, or undefined when it can:
 * too long, a line break or control character, or not valid UTF-8 (U+FFFD is how a name that was
 * not UTF-8 on disk comes out of decoding; lone surrogates cannot be written to disk at all).
 */
export function nameProblem(id: string): string | undefined {
  const bytes = Buffer.byteLength(id, 'utf8')
  if (bytes > MAX_ID_BYTES) return `the path is ${bytes} bytes long, over the ${MAX_ID_BYTES} allowed`
  if (/\p{Cc}/u.test(id)) return 'the name holds a line break or control character; rename the file'
  if (/\p{Cs}|\ufffd/u.test(id)) return 'the name is not valid UTF-8; rename the file'
  return undefined
}

async function isDirLink(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isSymbolicLink() && (await stat(file)).isDirectory()
  } catch {
    return false
  }
}

/**
 * The real path of document `id` under `root`, or why it is refused. Ids come
 * from the other side of a transport, so nothing about them is trusted.
 */
export async function resolveDocPath(root: string, id: string): Promise<Result<string>> {
  const segments = id.split('/')
  if (
    path.isAbsolute(id) ||
    /^[a-zA-Z]:/.test(id) ||
    id.includes('\\') ||
    id.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  )
    return fail('outside-corpus', `Refused: "${id}" is not a path inside the corpus`)
  const problem = nameProblem(id)
  if (problem) return fail('refused', `Refused: ${JSON.stringify(id.slice(0, 200))}: ${problem}`)
  if (!docKind(id)) return fail('refused', `Refused: "${id}" is not a .txt, .md or .html document`)
  let realRoot: string
  try {
    realRoot = await realpath(root)
  } catch {
    return fail('not-found', folderGone(root))
  }
  try {
    const real = await realpath(path.join(root, ...segments))
    if (!isInside(realRoot, real))
      return fail('outside-corpus', `Refused: "${id}" leads outside the corpus folder`)
    return ok(real)
  } catch (error) {
    return fail('not-found', `Cannot open "${id}": ${reason(error)}`)
  }
}
