import { assignLanes, segmentText, type Interval } from '../../../shared/layout'
import type { OffsetMap } from '../../../shared/offsets'
import type { LabelDef, Span } from '../../../shared/spans'

/** Id prefix that keeps another layer's spans apart from mine in the layout. */
const THEIRS = 'theirs:'

export type RenderInput = {
  text: string
  spans: readonly Span[]
  /** Another layer's spans, drawn outlined (review mode). */
  theirs?: readonly Span[]
  map: OffsetMap
  labels: readonly LabelDef[]
  selectedId: string | undefined
}

/**
 * Fills `root` with the document text, wrapping each segment in one mark per
 * covering span. Built with text nodes and elements only, never markup, so
 * the text nodes in order are exactly the document. A span's first mark is
 * `data-testid="span"` and carries its offsets in code points; the rest are
 * `span-part`.
 */
export function renderDocText(root: HTMLElement, input: RenderInput): void {
  const { text, spans, map, labels, selectedId, theirs = [] } = input
  const all = [...spans.map((s) => [s.id, s] as const), ...theirs.map((s) => [THEIRS + s.id, s] as const)]
  const intervals: Interval[] = all.map(([id, s]) => ({
    id,
    start: map.toUtf16(s.start),
    end: map.toUtf16(s.end)
  }))
  const lanes = assignLanes(intervals)
  const byId = new Map(all)
  const colours = new Map(labels.map((l) => [l.name, l]))
  const seen = new Set<string>()
  const fragment = document.createDocumentFragment()
  for (const segment of segmentText(text.length, intervals, lanes)) {
    let parent: Node = fragment
    for (const id of segment.ids) {
      const span = byId.get(id)!
      const label = colours.get(span.label)
      const mark = document.createElement('mark')
      const first = !seen.has(id)
      seen.add(id)
      const mine = !id.startsWith(THEIRS)
      mark.dataset['testid'] = (mine ? '' : 'their-') + (first ? 'span' : 'span-part')
      // Only my spans carry data-span-id: clicks select my spans, never theirs.
      mark.dataset[mine ? 'spanId' : 'theirSpanId'] = span.id
      mark.dataset['label'] = span.label
      if (first) {
        mark.dataset['start'] = String(span.start)
        mark.dataset['end'] = String(span.end)
      }
      mark.className = mine ? (id === selectedId ? 'span selected' : 'span') : 'span theirs'
      mark.style.setProperty('--lane', String(lanes.get(id) ?? 0))
      mark.style.setProperty('--label-color', label?.color ?? '#888')
      mark.title = label ? `${span.label}: ${label.guideline}` : span.label
      parent.appendChild(mark)
      parent = mark
    }
    parent.appendChild(document.createTextNode(text.slice(segment.start, segment.end)))
  }
  root.replaceChildren(fragment)
}

/** The UTF-16 offset in `root`'s text of a DOM point inside it. */
function textOffset(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange()
  range.setStart(root, 0)
  range.setEnd(node, offset)
  return range.toString().length
}

/** The current selection inside `root` as UTF-16 offsets, or undefined if there is none there. */
export function selectionInside(root: HTMLElement): { start: number; end: number } | undefined {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined
  const range = selection.getRangeAt(0)
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return undefined
  return {
    start: textOffset(root, range.startContainer, range.startOffset),
    end: textOffset(root, range.endContainer, range.endOffset)
  }
}
