import { OffsetMap, sliceCodePoints } from '../offsets'
import type { ImportedSpan } from './model'

export type OffsetUnit = 'code points' | 'UTF-16 units' | 'UTF-8 bytes'

type Unit = {
  name: OffsetUnit
  /** Code point offset of an offset in this unit, or undefined if it is not on a character boundary. */
  toCodePoint: (offset: number) => number | undefined
}

function units(text: string): Unit[] {
  const map = new OffsetMap(text)
  const utf8 = new Map<number, number>([[0, 0]])
  let bytes = 0
  let points = 0
  for (const char of text) {
    const cp = char.codePointAt(0)!
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
    utf8.set(bytes, ++points)
  }
  const splitsPair = (i: number): boolean => {
    const unit = text.charCodeAt(i)
    return i > 0 && i < text.length && unit >= 0xdc00 && unit <= 0xdfff
  }
  return [
    { name: 'code points', toCodePoint: (o) => (o <= map.codePointLength ? o : undefined) },
    {
      name: 'UTF-16 units',
      toCodePoint: (o) => (o <= text.length && !splitsPair(o) ? map.toCodePoint(o) : undefined)
    },
    { name: 'UTF-8 bytes', toCodePoint: (o) => utf8.get(o) }
  ]
}

function convert(span: ImportedSpan, unit: Unit): ImportedSpan | undefined {
  const start = unit.toCodePoint(span.start)
  const end = unit.toCodePoint(span.end)
  if (start === undefined || end === undefined) return undefined
  if (!span.fragments) return start === span.start && end === span.end ? span : { ...span, start, end }
  const fragments: [number, number][] = []
  for (const [a, b] of span.fragments) {
    const from = unit.toCodePoint(a)
    const to = unit.toCodePoint(b)
    if (from === undefined || to === undefined) return undefined
    fragments.push([from, to])
  }
  return { ...span, start, end, fragments }
}

/**
 * Works out which unit a file's offsets count in and converts them to code
 * points. Other tools write UTF-16 units (JavaScript) or UTF-8 bytes;
 * Spanmark always counts code points. The span texts decide where the file
 * has them; otherwise the first unit that puts every offset on a character
 * boundary wins, code points first.
 */
export function toCodePointSpans(
  text: string,
  spans: ImportedSpan[]
): { spans: ImportedSpan[]; unit: OffsetUnit } | undefined {
  const map = new OffsetMap(text)
  const slice = (a: number, b: number): string => sliceCodePoints(text, a, b, map)
  const textMatches = (s: ImportedSpan): boolean =>
    s.text === undefined ||
    (s.fragments ? s.fragments.map(([a, b]) => slice(a, b)).join(' ') : slice(s.start, s.end)) === s.text
  for (const unit of units(text)) {
    const converted = spans.map((s) => convert(s, unit))
    if (converted.every((s) => s !== undefined && textMatches(s)))
      return { spans: converted as ImportedSpan[], unit: unit.name }
  }
  return undefined
}
