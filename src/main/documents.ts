import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Encoding, LoadedDoc } from '../shared/api'
import { fail, ok, type Result } from '../shared/result'
import { docKind, inspect, MAX_DOC_BYTES, reason, resolveDocPath } from './corpus'
import { decodeDocument } from './decode'
import { DocCache } from './doc-cache'
import { htmlToText } from './html'

/** Decoded documents, shared by every caller in this process. */
const documents = new DocCache()

/** Files up to this size are read synchronously. */
const SYNC_READ_BYTES = 256 * 1024

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** Reads, decodes and (for HTML) converts one document by SPEC section 2. */
export async function readDocument(
  root: string,
  id: string,
  encoding?: Encoding
): Promise<Result<LoadedDoc>> {
  const resolved = await resolveDocPath(root, id)
  if (!resolved.ok) return resolved
  // resolveDocPath returned the real path, checked inside the root.
  const { size, error, statKey } = inspect(resolved.value)
  if (error) return fail('refused', `${id}: ${error}`)
  return loadDocument({ id, file: resolved.value, size, statKey }, encoding)
}

/**
 * The decoded text of a document already found inside the corpus and inspected (listed, or resolved
 * by id): from the cache while its stat key is the same, else read, decoded and cached.
 */
export async function loadDocument(
  { id, file, size, statKey }: { id: string; file: string; size: number; statKey?: string },
  encoding?: Encoding
): Promise<Result<LoadedDoc>> {
  const cacheKey = `${statKey}:${encoding ?? ''}`
  const cached = documents.get(file, cacheKey)
  if (cached?.id === id) return ok(cached)
  let bytes: Uint8Array
  try {
    // Small files are read at once: a search or export reads thousands, and the thread pool's round
    // trip costs more than the read.
    bytes = size <= SYNC_READ_BYTES ? readFileSync(file) : await readFile(file)
  } catch (err) {
    return fail('not-found', `${id}: Unreadable: ${reason(err)}`)
  }
  if (bytes.byteLength !== size && bytes.byteLength > MAX_DOC_BYTES)
    return fail('refused', `${id}: Refused: over the 50 MiB limit`)
  const decoded = decodeDocument(bytes, encoding)
  const text = docKind(id) === 'html' ? htmlToText(decoded.text) : decoded.text
  const doc = { id, text, sha256: sha256(text), encoding: decoded.encoding, warning: decoded.warning }
  if (statKey) documents.set(file, cacheKey, doc)
  return ok(doc)
}
