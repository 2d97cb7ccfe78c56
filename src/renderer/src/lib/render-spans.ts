import { assignLanes, segmentText, type Interval } from '../../../shared/layout'
import type { OffsetMap } from '../../../shared/offsets'
import { partitionPoint } from '../../../shared/sorted'
import type { LabelDef, Span } from '../../../shared/spans'

/** Id prefix that keeps another layer's spans apart from mine in the layout. */
const THEIRS = 'theirs:'

/** Chunks are cut at the first line break past this many UTF-16 units, so an edit redraws one chunk, not the text. */
const CHUNK_UNITS = 4096

export type RenderInput = {
  text: string
  spans: readonly Span[]
  /** Another layer's spans, drawn outlined (review mode). */
  theirs?: readonly Span[]
  map: OffsetMap
  labels: readonly LabelDef[]
  selectedId: string | undefined
}

/** [start, end) UTF-16 ranges covering the text, each ending after a line break where one comes. */
export function chunkBounds(text: string): [number, number][] {
  const bounds: [number, number][] = []
  let start = 0
  while (start < text.length) {
    const cut = text.indexOf('\n', start + CHUNK_UNITS)
    const end = cut === -1 ? text.length : cut + 1
    bounds.push([start, end])
    start = end
  }
  return bounds
}

type Placed = { id: string; span: Span; start: number; end: number; lane: number; mine: boolean }

/**
 * Draws the document text with its spans into a root element, chunk by
 * chunk. Built from text nodes and elements only, never markup, so the text
 * nodes in order are exactly the document. Each segment is wrapped in one mark
 * per covering span; a span's first mark is `data-testid="span"` with its
 * offsets in code points, the rest are `span-part`. Only chunks whose spans
 * changed are redrawn.
 */
export class DocTextRenderer {
  private text: string | undefined
  private chunks: { from: number; to: number; element: HTMLElement; signature: string }[] = []

  constructor(private readonly root: HTMLElement) {}

  render(input: RenderInput): void {
    const { text, spans, theirs = [], map, labels, selectedId } = input
    if (text !== this.text) this.reset(text)
    const entries = [
      ...spans.map((s) => [s.id, s, true] as const),
      ...theirs.map((s) => [THEIRS + s.id, s, false] as const)
    ]
    const intervals: Interval[] = entries.map(([id, s]) => ({
      id,
      start: map.toUtf16(s.start),
      end: map.toUtf16(s.end)
    }))
    const lanes = assignLanes(intervals)
    const perChunk: Placed[][] = this.chunks.map(() => [])
    entries.forEach(([id, span, mine], i) => {
      const { start, end } = intervals[i]!
      for (let c = this.chunkAt(start); c < this.chunks.length && this.chunks[c]!.from < end; c++)
        perChunk[c]!.push({ id, span, start, end, lane: lanes.get(id) ?? 0, mine })
    })
    const colours = new Map(labels.map((l) => [l.name, l]))
    this.chunks.forEach((chunk, c) => {
      const placed = perChunk[c]!
      const signature = placed
        .map((p) => `${p.id}:${p.start}:${p.end}:${p.lane}:${p.span.label}:${p.id === selectedId ? 1 : 0}`)
        .join('|')
      if (signature === chunk.signature) return
      chunk.signature = signature
      chunk.element.replaceChildren(drawChunk(text, chunk.from, chunk.to, placed, colours, selectedId))
    })
  }

  /** The UTF-16 offset in the text of a DOM point inside the root. */
  offsetOf(node: Node, offset: number): number {
    const chunk = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-chunk]')
    const from = chunk ? (this.chunks[Number(chunk.dataset['chunk'])]?.from ?? 0) : 0
    const range = document.createRange()
    range.setStart(chunk ?? this.root, 0)
    range.setEnd(node, offset)
    return from + range.toString().length
  }

  private reset(text: string): void {
    this.text = text
    this.chunks = chunkBounds(text).map(([from, to], i) => {
      const element = document.createElement('span')
      element.dataset['chunk'] = String(i)
      element.appendChild(document.createTextNode(text.slice(from, to)))
      return { from, to, element, signature: '' }
    })
    this.root.replaceChildren(...this.chunks.map((c) => c.element))
  }

  private chunkAt(offset: number): number {
    return Math.max(0, partitionPoint(this.chunks.length, (i) => this.chunks[i]!.from <= offset) - 1)
  }
}

function drawChunk(
  text: string,
  from: number,
  to: number,
  placed: Placed[],
  colours: Map<string, LabelDef>,
  selectedId: string | undefined
): DocumentFragment {
  const clipped = placed.map((p) => ({
    id: p.id,
    start: Math.max(p.start, from) - from,
    end: Math.min(p.end, to) - from
  }))
  const lanes = new Map(placed.map((p) => [p.id, p.lane]))
  const byId = new Map(placed.map((p) => [p.id, p]))
  const fragment = document.createDocumentFragment()
  for (const segment of segmentText(to - from, clipped, lanes)) {
    let parent: Node = fragment
    for (const id of segment.ids) {
      const { span, start, lane, mine } = byId.get(id)!
      const label = colours.get(span.label)
      const mark = document.createElement('mark')
      const first = segment.start + from === start
      mark.dataset['testid'] = (mine ? '' : 'their-') + (first ? 'span' : 'span-part')
      // Only my spans carry data-span-id: clicks select my spans, never theirs.
      mark.dataset[mine ? 'spanId' : 'theirSpanId'] = span.id
      mark.dataset['label'] = span.label
      if (first) {
        mark.dataset['start'] = String(span.start)
        mark.dataset['end'] = String(span.end)
      }
      mark.className = mine ? (id === selectedId ? 'span selected' : 'span') : 'span theirs'
      mark.style.setProperty('--lane', String(lane))
      mark.style.setProperty('--label-color', label?.color ?? '#888')
      mark.title = label ? `${span.label}: ${label.guideline}` : span.label
      parent.appendChild(mark)
      parent = mark
    }
    parent.appendChild(document.createTextNode(text.slice(from + segment.start, from + segment.end)))
  }
  return fragment
}

/** The current selection inside the drawn text as UTF-16 offsets, or undefined if there is none there. */
export function selectionInside(
  root: HTMLElement,
  renderer: Pick<DocTextRenderer, 'offsetOf'>
): { start: number; end: number } | undefined {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined
  const range = selection.getRangeAt(0)
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return undefined
  return {
    start: renderer.offsetOf(range.startContainer, range.startOffset),
    end: renderer.offsetOf(range.endContainer, range.endOffset)
  }
}
