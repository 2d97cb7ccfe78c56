/** Items per piece: 32 spans of Spanmark JSON make about 12 KB. */
const PIECE_ITEMS = 32

/**
 * Writes `JSON.stringify({ ...fields, [key]: items.map(item) })` in pieces that join to it: the fields
 * and the list's opening, then the items a few dozen at a time, commas between, then the list's close.
 * The key comes last, after the fields.
 *
 * A document of ten thousand spans is about 4 MB of JSON. Made in one go, V8 builds it as a chain of
 * parts, and the first read of it (encoding it as UTF-8) copies the chain into one new flat string:
 * in Node, for one such document, the stringify took 9 ms, that copy 21 ms and the encoding 2 ms. In
 * pieces, each encoded as it is made (see ByteChunks), the same bytes took 18-20 ms in all.
 */
export function writeJson<T>(
  write: (text: string) => void,
  fields: object,
  key: string,
  items: readonly T[],
  item: (value: T) => unknown
): void {
  write(openList(fields, key))
  for (let i = 0; i < items.length; i += PIECE_ITEMS) {
    const list = JSON.stringify(items.slice(i, i + PIECE_ITEMS).map((value) => item(value)))
    write((i ? ',' : '') + list.slice(1, -1))
  }
  write(CLOSE_LIST)
}

/** What closes the object openList opens: its list, then itself. */
export const CLOSE_LIST = ']}'

/** `JSON.stringify({ ...fields, [key]: [] })` up to the list's first item, for its items and CLOSE_LIST to follow. */
export const openList = (fields: object, key: string): string =>
  JSON.stringify({ ...fields, [key]: [] }).slice(0, -CLOSE_LIST.length)

/** Bytes per chunk. */
const CHUNK_BYTES = 4 * 1024 * 1024

/**
 * Text written as UTF-8 into chunks of bytes, each piece encoded when it is written, and bytes copied
 * in as they are. Nothing is joined into one long string or grown into one buffer, so nothing long is
 * copied, and each piece is garbage the moment it is encoded. The chunks are handed on as they are,
 * as the parts of one Blob.
 */
export class ByteChunks {
  constructor(private readonly chunkBytes = CHUNK_BYTES) {}

  private readonly encoder = new TextEncoder()
  private readonly full: Uint8Array<ArrayBuffer>[] = []
  private chunk = new Uint8Array(0)
  private at = 0

  readonly write = (part: string | Uint8Array): void => {
    if (typeof part !== 'string') return this.copy(part)
    // encodeInto stops where the chunk is full (never inside a character); the rest goes in the next.
    for (let rest = part; ;) {
      const { read, written } = this.encoder.encodeInto(rest, this.chunk.subarray(this.at))
      this.at += written
      if (read === rest.length) return
      rest = rest.slice(read)
      // A UTF-16 unit takes at most three bytes, so the rest fits a chunk this long.
      this.begin(Math.max(this.chunkBytes, 3 * rest.length))
    }
  }

  private copy(bytes: Uint8Array): void {
    const fits = Math.min(bytes.byteLength, this.chunk.byteLength - this.at)
    this.chunk.set(bytes.subarray(0, fits), this.at)
    this.at += fits
    if (fits === bytes.byteLength) return
    const rest = bytes.subarray(fits)
    this.begin(Math.max(this.chunkBytes, rest.byteLength))
    this.copy(rest)
  }

  /** The chunks written, in order, each cut to what it holds. */
  chunks(): Uint8Array<ArrayBuffer>[] {
    this.begin(0)
    return this.full
  }

  private begin(bytes: number): void {
    if (this.at) this.full.push(this.chunk.subarray(0, this.at))
    this.chunk = new Uint8Array(bytes)
    this.at = 0
  }
}
