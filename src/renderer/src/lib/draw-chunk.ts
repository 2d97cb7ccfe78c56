import { segmentText, type Interval } from '../../../shared/layout'
import type { LabelDef, Span } from '../../../shared/spans'

/** A span placed for drawing: its UTF-16 range, whether it is mine, and its lane. */
export type Placed = Interval & { span: Span; mine: boolean; lane: number }

/** A chunk's drawing, as top-level pieces each keyed by everything it shows. */
type Piece = { key: string; make: () => Node }

/**
 * Lanes drawn along a span's whole length. Deeper lanes would only be drawn over the lines below, and
 * in text where every character lies under dozens of spans, one mark per span per segment runs to
 * hundreds of thousands of elements. A span in a deeper lane is drawn in the lane just below these, at
 * its start only (where it can be seen and clicked), or along its length while it is selected.
 */
export const DRAWN_LANES = 8

/**
 * The chunk's text cut at every span boundary: each segment a text node, wrapped in one mark per span
 * covering it (outermost first). Pieces are made only when asked for, so those a redraw keeps cost nothing.
 */
export function drawChunk(
  text: string,
  from: number,
  to: number,
  placed: Placed[],
  colours: Map<string, LabelDef>,
  selectedId: string | undefined
): Piece[] {
  const clipped = placed.map((p) => ({
    id: p.id,
    start: Math.max(p.start, from) - from,
    end: Math.min(p.end, to) - from
  }))
  const lanes = new Map(placed.map((p) => [p.id, p.lane]))
  const byId = new Map(placed.map((p) => [p.id, p]))
  return segmentText(to - from, clipped, lanes).map((segment): Piece => {
    const marks = segment.ids.flatMap((id) => {
      const { span, start, lane, mine } = byId.get(id)!
      const first = segment.start + from === start
      const selected = mine && id === selectedId
      if (lane >= DRAWN_LANES && !first && !selected) return []
      return [{ span, lane: Math.min(lane, DRAWN_LANES), mine, first, selected }]
    })
    const key =
      `${segment.start}:${segment.end}` +
      marks
        .map(
          (m) =>
            `|${m.mine ? '' : 't'}${m.span.id}:${m.lane}:${m.span.label}:${m.first ? `${m.span.start}-${m.span.end}` : ''}:${m.selected ? 1 : 0}`
        )
        .join('')
    const make = (): Node => {
      const content = document.createTextNode(text.slice(from + segment.start, from + segment.end))
      let outer: Node = content
      for (const { span, lane, mine, first, selected } of marks.toReversed()) {
        const label = colours.get(span.label)
        const mark = document.createElement('mark')
        mark.dataset['testid'] = (mine ? '' : 'their-') + (first ? 'span' : 'span-part')
        // Only my spans carry data-span-id: clicks select my spans, never theirs.
        mark.dataset[mine ? 'spanId' : 'theirSpanId'] = span.id
        mark.dataset['label'] = span.label
        if (first) {
          mark.dataset['start'] = String(span.start)
          mark.dataset['end'] = String(span.end)
        }
        mark.className = mine ? (selected ? 'span selected' : 'span') : 'span theirs'
        mark.style.setProperty('--lane', String(lane))
        mark.style.setProperty('--label-color', label?.color ?? '#888')
        mark.title = label ? `${span.label}: ${label.guideline}` : span.label
        mark.appendChild(outer)
        outer = mark
      }
      return outer
    }
    return { key, make }
  })
}

/**
 * Makes `element`'s children the given pieces, keeping the node of every piece it already shows and
 * making only the others: the browser then lays out and paints again little more than what changed.
 * Returns the pieces now shown, by key.
 */
export function patchChildren(
  element: HTMLElement,
  shown: Map<string, Node>,
  pieces: Piece[]
): Map<string, Node> {
  const next = new Map<string, Node>()
  for (const piece of pieces) next.set(piece.key, shown.get(piece.key) ?? piece.make())
  const kept = new Set(next.values())
  let at = element.firstChild
  for (const node of next.values()) {
    while (at && !kept.has(at)) {
      const gone = at
      at = at.nextSibling
      gone.remove()
    }
    if (node === at) at = at.nextSibling
    else element.insertBefore(node, at)
  }
  while (at) {
    const gone = at
    at = at.nextSibling
    gone.remove()
  }
  return next
}
