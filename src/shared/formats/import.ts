import { unzipSync } from 'fflate'
import { withoutUtf8Bom } from '../bom'
import { asciiJson } from './ascii-json'
import { parseBratAnn } from './brat'
import { parseJsonl } from './jsonl-import'
import { ImportError, importTooLarge, type Imported } from './model'
import { parseSpanmark } from './spanmark-import'
import { parseWebAnnotation } from './w3c-import'

export type ImportFile = { name: string; data: Uint8Array }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function decode(file: ImportFile): string {
  try {
    return strictUtf8.decode(file.data)
  } catch {
    throw new ImportError(file.name, undefined, 'not UTF-8 text')
  }
}

/** Whether a text's start says it is Spanmark JSON. */
const saysSpanmark = (text: string): boolean => /"format"\s*:\s*"spanmark"/.test(text.slice(0, 200))

/**
 * Reads a file that says it is Spanmark JSON from its text with every character outside ASCII escaped
 * (see asciiJson), which gives the same documents faster. Undefined where that text cannot be made, or
 * where it does not read: the file is then read again as decoded, so that its error names the line.
 */
function readSpanmarkFast(file: ImportFile): Imported | undefined {
  const bytes = withoutUtf8Bom(file.data)
  // The first 200 characters lie in the first 800 bytes; a file that is not UTF-8 is refused later.
  if (!saysSpanmark(new TextDecoder().decode(bytes.subarray(0, 800)))) return undefined
  const text = asciiJson(bytes)
  if (text === undefined) return undefined
  try {
    return parseSpanmark(text, file.name)
  } catch (error) {
    if (error instanceof ImportError) return undefined
    throw error
  }
}

const extension = (name: string): string => /\.([^./]+)$/.exec(name.toLowerCase())?.[1] ?? ''

/** Expands zips into their files, skipping folders and hidden files. */
function expand(files: readonly ImportFile[]): ImportFile[] {
  return files.flatMap((file) => {
    if (extension(file.name) !== 'zip') return [file]
    let entries: Record<string, Uint8Array>
    try {
      entries = unzipSync(file.data)
    } catch (error) {
      throw new ImportError(file.name, undefined, `not a readable zip (${(error as Error).message})`)
    }
    return Object.entries(entries)
      .filter(([name]) => !name.endsWith('/') && !name.split('/').some((part) => part.startsWith('.')))
      .map(([name, data]) => ({ name, data }))
  })
}

/**
 * Whether a text reads as JSON Lines: a first line holding one object, and another object after it.
 * Only the first line is looked at, found by a plain search: a JSON file of one long line (as Spanmark
 * writes) costs a scan for its end, not a pattern match over hundreds of megabytes.
 */
function looksLikeJsonl(text: string): boolean {
  const start = text.search(/\S/)
  const end = text.indexOf('\n', start)
  if (start === -1 || end === -1) return false
  const first = text.slice(start, end).trim()
  return first.startsWith('{') && first.endsWith('}') && /^\s*\{/.test(text.slice(end + 1, end + 1000))
}

/**
 * Reads an import: Spanmark JSON, doccano JSONL, W3C JSON-LD, or brat standoff
 * (.txt/.ann pairs, loose or zipped). Throws ImportError naming the file and
 * line for anything malformed; nothing has been stored when it does.
 */
export function readImport(files: readonly ImportFile[]): Imported {
  if (files.length === 0) throw new ImportError('import', undefined, 'no file chosen')
  const total = files.reduce((sum, f) => sum + f.data.byteLength, 0)
  const tooLarge = importTooLarge(total)
  if (tooLarge) throw new ImportError(files[0]!.name, undefined, tooLarge)
  for (const file of files)
    if (file.data.byteLength === 0) throw new ImportError(file.name, undefined, 'the file is empty')
  const all = expand(files)
  const anns = all.filter((f) => extension(f.name) === 'ann')
  if (anns.length > 0) {
    const texts = new Map(
      all.filter((f) => extension(f.name) === 'txt').map((f) => [f.name.replace(/\.txt$/i, ''), f])
    )
    const docs = anns.map((ann) => {
      const stem = ann.name.replace(/\.ann$/i, '')
      const txt = texts.get(stem)
      if (!txt) throw new ImportError(ann.name, undefined, `no ${stem.split('/').pop()}.txt beside it`)
      return parseBratAnn(decode(ann), decode(txt).replace(/^\uFEFF/, ''), stem.split('/').pop()!, ann.name)
    })
    return { format: 'brat', docs, notes: [] }
  }
  if (all.length !== 1)
    throw new ImportError(files[0]!.name, undefined, 'choose one JSON or JSONL file, or brat .txt/.ann pairs')
  const file = all[0]!
  const ext = extension(file.name)
  if (ext !== 'jsonl') {
    const fast = readSpanmarkFast(file)
    if (fast) return fast
  }
  const text = decode(file).replace(/^\uFEFF/, '')
  if (ext === 'jsonl') return parseJsonl(text, file.name)
  if (saysSpanmark(text)) return parseSpanmark(text, file.name)
  if (looksLikeJsonl(text)) return parseJsonl(text, file.name)
  if (/AnnotationCollection|"@context"/.test(text.slice(0, 500))) return parseWebAnnotation(text, file.name)
  if (ext === 'json') return parseSpanmark(text, file.name)
  return parseJsonl(text, file.name)
}
