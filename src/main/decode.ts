import { analyse } from 'chardet'
import iconv from 'iconv-lite'
import { ENCODINGS, type Encoding } from '../shared/api'
import { bomEncoding } from '../shared/bom'

export type Decoded = { text: string; encoding: Encoding; warning?: string }

const BINARY_PROBE_BYTES = 8 * 1024

/** SPEC 2: a NUL byte in the first 8 KiB marks a file as binary, unless a UTF-16 BOM explains it. */
export function looksBinary(head: Uint8Array): boolean {
  const bom = bomEncoding(head)
  if (bom === 'utf-16le' || bom === 'utf-16be') return false
  return head.subarray(0, BINARY_PROBE_BYTES).includes(0)
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function decodeWith(bytes: Uint8Array, encoding: Encoding): string {
  // iconv-lite strips a BOM by default; the BOM is not part of the text.
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
}

/** chardet's names for the legacy encodings it may report, where they differ from ours. */
const DETECTED_ALIASES: Record<string, Encoding> = {
  'iso-8859-1': 'windows-1252',
  ascii: 'windows-1252'
}

function detectLegacyEncoding(bytes: Uint8Array): Encoding {
  for (const match of analyse(bytes)) {
    const name = match.name.toLowerCase()
    const encoding = DETECTED_ALIASES[name] ?? (ENCODINGS as readonly string[]).find((e) => e === name)
    // A guess of UTF-8 or UTF-16 is wrong here: UTF-8 already failed, and UTF-16 needs a BOM.
    if (encoding && !encoding.startsWith('utf-')) return encoding as Encoding
  }
  return 'windows-1252'
}

/**
 * Decodes a document's bytes by SPEC section 2: BOM first, then strict UTF-8,
 * then a detected legacy encoding with a warning. `forced` reopens the bytes
 * as an encoding the user picked.
 */
export function decodeDocument(bytes: Uint8Array, forced?: Encoding): Decoded {
  if (forced) {
    const text = decodeWith(bytes, forced)
    const lossy = forced === 'utf-8' && text.includes('\uFFFD') && !isValidUtf8(bytes)
    return lossy
      ? { text, encoding: forced, warning: 'Not valid UTF-8: undecodable bytes are shown as \uFFFD.' }
      : { text, encoding: forced }
  }
  const bom = bomEncoding(bytes)
  if (bom) return { text: decodeWith(bytes, bom), encoding: bom }
  const utf8 = decodeUtf8(bytes)
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' }
  const encoding = detectLegacyEncoding(bytes)
  return {
    text: decodeWith(bytes, encoding),
    encoding,
    warning: `Not valid UTF-8: decoded as ${encoding} (detected). Reopen it as another encoding if the text looks wrong.`
  }
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

const isValidUtf8 = (bytes: Uint8Array): boolean => decodeUtf8(bytes) !== undefined
