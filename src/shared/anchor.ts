import { OffsetMap, sliceCodePoints } from './offsets'
import type { Span } from './spans'

/** Code points of context kept on each side of a span, for re-anchoring and for consumers. */
export const CONTEXT_LENGTH = 32

export type Anchor = { start: number; end: number; text: string; prefix?: string; suffix?: string }

/** The text just before and after [start, end), in code points. */
export function contextOf(
  text: string,
  start: number,
  end: number,
  map = new OffsetMap(text)
): { prefix: string; suffix: string } {
  return {
    prefix: sliceCodePoints(text, Math.max(0, start - CONTEXT_LENGTH), start, map),
    suffix: sliceCodePoints(text, end, Math.min(map.codePointLength, end + CONTEXT_LENGTH), map)
  }
}

const commonSuffix = (a: string, b: string): number => {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}

const commonPrefix = (a: string, b: string): number => {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

/** At most this many occurrences of a quote are weighed; a commoner quote is placed by the first ones. */
const MAX_CANDIDATES = 10_000

/**
 * Where a span belongs in a text that may have changed: where it was, if its
 * quote is still there; otherwise the occurrence of its quote whose
 * surroundings best match its saved context, nearest the old place on a tie.
 * Undefined when the quote is gone.
 */
export function reanchor(
  text: string,
  anchor: Anchor,
  map = new OffsetMap(text)
): { start: number; end: number } | undefined {
  if (
    anchor.end <= map.codePointLength &&
    sliceCodePoints(text, anchor.start, anchor.end, map) === anchor.text
  )
    return { start: anchor.start, end: anchor.end }
  if (anchor.text === '') return undefined
  const quoteLength = Array.from(anchor.text).length
  let best: { start: number; score: number; distance: number } | undefined
  for (let at = text.indexOf(anchor.text), seen = 0; at !== -1 && seen < MAX_CANDIDATES; seen++) {
    const start = map.toCodePoint(at)
    const before = text.slice(Math.max(0, at - CONTEXT_LENGTH * 2), at)
    const after = text.slice(at + anchor.text.length, at + anchor.text.length + CONTEXT_LENGTH * 2)
    const score = commonSuffix(before, anchor.prefix ?? '') + commonPrefix(after, anchor.suffix ?? '')
    const distance = Math.abs(start - anchor.start)
    if (!best || score > best.score || (score === best.score && distance < best.distance))
      best = { start, score, distance }
    at = text.indexOf(anchor.text, at + 1)
  }
  return best && { start: best.start, end: best.start + quoteLength }
}

/**
 * A document's spans after its file changed: each moved to where its text now is (with fresh context),
 * or kept and marked orphaned; how many records changed, and a sentence saying what happened.
 */
export function reanchorSpans(
  text: string,
  spans: readonly Span[]
): { spans: Span[]; changed: number; notice: string } {
  const map = new OffsetMap(text)
  let moved = 0
  let orphaned = 0
  let changed = 0
  const result = spans.map((span) => {
    const at = reanchor(text, span, map)
    if (!at) {
      orphaned++
      if (span.orphaned) return span
      changed++
      return { ...span, orphaned: true }
    }
    if (at.start === span.start && at.end === span.end && !span.orphaned) return span
    moved++
    changed++
    const { orphaned: _orphaned, ...rest } = span
    return { ...rest, ...at, ...contextOf(text, at.start, at.end, map) }
  })
  const notice =
    `This file changed since it was annotated: ${moved} span${moved === 1 ? '' : 's'} moved to follow the text` +
    (orphaned
      ? `, ${orphaned} could not be placed and ${orphaned === 1 ? 'is' : 'are'} listed as orphaned.`
      : '.')
  return { spans: result, changed, notice }
}
