/** Selection snapping, on UTF-16 indices of the displayed text. */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const SPACE = /[\s\u200b-\u200d\u2060\ufeff]/u
const WORD = /[\p{L}\p{N}\p{M}_]/u
/** Grapheme clusters are short; a window this wide around a point always holds the whole cluster. */
const WINDOW = 64

/** The start of the grapheme cluster holding `index` (or `index` if it is a boundary). */
function clusterStart(text: string, index: number): number {
  const from = Math.max(0, index - WINDOW)
  let boundary = from
  for (const { index: at } of graphemes.segment(text.slice(from, Math.min(text.length, index + WINDOW)))) {
    if (from + at > index) break
    boundary = from + at
  }
  return boundary
}

/** The end of the grapheme cluster holding `index - 1` (or `index` if it is a boundary). */
function clusterEnd(text: string, index: number): number {
  const start = clusterStart(text, index)
  if (start === index) return index
  const cluster = graphemes.segment(text.slice(start, Math.min(text.length, start + WINDOW))).containing(0)
  return cluster ? start + cluster.segment.length : index
}

export type SnapOptions = { words?: boolean }

/**
 * Snaps a selection: whole grapheme clusters (an emoji or a letter with its
 * accents is never cut), no surrounding white space, and optionally whole
 * words. Returns undefined when nothing but white space is selected.
 */
export function snapSelection(
  text: string,
  start: number,
  end: number,
  options: SnapOptions = {}
): { start: number; end: number } | undefined {
  let s = clusterStart(text, Math.max(0, Math.min(start, end)))
  let e = clusterEnd(text, Math.min(text.length, Math.max(start, end)))
  while (s < e && SPACE.test(text[s]!)) s++
  while (e > s && SPACE.test(text[e - 1]!)) e--
  if (s === e) return undefined
  if (options.words) {
    while (s > 0 && WORD.test(text[s - 1]!)) s--
    while (e < text.length && WORD.test(text[e]!)) e++
    s = clusterStart(text, s)
    e = clusterEnd(text, e)
  }
  return { start: s, end: e }
}
