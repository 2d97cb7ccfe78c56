import type { Encoding } from './api'

const UTF8_BOM = [0xef, 0xbb, 0xbf]
const UTF16LE_BOM = [0xff, 0xfe]
const UTF16BE_BOM = [0xfe, 0xff]

const startsWith = (bytes: Uint8Array, prefix: number[]): boolean =>
  prefix.every((byte, i) => bytes[i] === byte)

/** The BOM's encoding, if the bytes start with one. UTF-16 is never guessed otherwise. */
export function bomEncoding(bytes: Uint8Array): Encoding | undefined {
  if (startsWith(bytes, UTF8_BOM)) return 'utf-8'
  if (startsWith(bytes, UTF16LE_BOM)) return 'utf-16le'
  if (startsWith(bytes, UTF16BE_BOM)) return 'utf-16be'
  return undefined
}

/** The bytes after a UTF-8 BOM, or all of them where they do not start with one. */
export const withoutUtf8Bom = (bytes: Uint8Array): Uint8Array =>
  startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes
