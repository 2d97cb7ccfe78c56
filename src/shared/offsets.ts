import { partitionPoint } from './sorted'

/**
 * Conversions between UTF-16 indices (what JavaScript strings count) and
 * Unicode code point offsets (what every export uses, SPEC section 4).
 * Built once per text; each lookup is a binary search over the astral
 * characters, so a text with none converts at no cost.
 */
export class OffsetMap {
  /** UTF-16 index of each astral (surrogate pair) character, ascending. */
  private readonly astral: number[] = []
  readonly utf16Length: number
  readonly codePointLength: number

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i)
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1)
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astral.push(i)
          i++
        }
      }
    }
    this.utf16Length = text.length
    this.codePointLength = text.length - this.astral.length
  }

  /** Code point offset of a UTF-16 index; an index inside a pair counts as its start. */
  toCodePoint(utf16: number): number {
    // Pairs that start before utf16 each take one unit more than one code point.
    const lo = partitionPoint(this.astral.length, (i) => this.astral[i]! + 1 < utf16)
    const inside = lo < this.astral.length && this.astral[lo]! + 1 === utf16
    return utf16 - lo - (inside ? 1 : 0)
  }

  /** UTF-16 index of a code point offset. */
  toUtf16(codePoint: number): number {
    // The k-th pair sits at code point astral[k] - k; count those before codePoint.
    return codePoint + partitionPoint(this.astral.length, (i) => this.astral[i]! - i < codePoint)
  }
}

/** `text[start:end]` as Python counts it: code points, end exclusive. */
export function sliceCodePoints(text: string, start: number, end: number, map = new OffsetMap(text)): string {
  return text.slice(map.toUtf16(start), map.toUtf16(end))
}
