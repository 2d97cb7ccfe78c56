import {
  clusterEnds,
  clusterOfIndex,
  layOutCluster,
  overlapping,
  type Interval
} from '../../../shared/layout'
import { partitionPoint } from '../../../shared/sorted'
import { drawChunk, patchChildren, type Placed } from './draw-chunk'
import { chunkBounds, estimatedHeight } from './chunks'
import { mapReusing } from './reuse'
import { keepingSelection, textOffset } from './selection'
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
  /** The selected span of mine, one of `spans`, if any. */
  selected: Span | undefined
}

/** A span to draw, with its place in UTF-16 units. */
type Item = Interval & { span: Span; mine: boolean }

type Chunk = {
  from: number
  to: number
  element: HTMLElement
  /** What the chunk's marks show now: '' for plain text. */
  drawn: string
  /** The chunk's top-level nodes by what they show, so a redraw keeps those an edit left alone. */
  pieces: Map<string, Node>
}

/**
 * Draws the document text with its spans into a root element, chunk by
 * chunk. Built from text nodes and elements only, never markup, so the text
 * nodes in order are exactly the document. Each segment is wrapped in one mark
 * per covering span (past `DRAWN_LANES`, only at its start); a span's first mark
 * is `data-testid="span"` with its offsets in code points, the rest `span-part`.
 *
 * Every chunk holds its text from the start, so offsets, selections and search
 * work everywhere; marks are drawn only in chunks near the screen (within a
 * screen's height of it, found from the scroll position by binary search over the
 * chunks' places, and the one holding the selected span), and the browser skips
 * laying out chunks off screen (`content-visibility: auto`). A chunk is redrawn
 * only when its spans changed, and keeps the text selected in it: a search hit
 * stays selected as its chunk is drawn, and text selected stays so as the pane
 * scrolls away and back. (Chromium, moreover, never skipped laying out again a
 * chunk whose nodes were replaced under the selection.)
 */
export class DocTextRenderer {
  private text: string | undefined
  private chunks: Chunk[] = []
  private near = new Set<number>()
  /** The chunk holding the selected span, drawn wherever it is; -1 for none. */
  private selectedChunk = -1
  /** The scrolling pane the text is in. */
  private readonly pane: HTMLElement
  private readonly onScroll = (): void => this.findNear()
  /**
   * Whether the document may hold a selection (a caret counts): false once the renderer found none or
   * made its chunks anew, true again at the next selectionchange. Asking the browser with none there
   * makes it lay the page out first, 4.6-4.9 ms with a 2 MB text, where with one there it answers at
   * once.
   */
  private mayBeSelected = true
  private readonly onSelectionChange = (): void => this.selectionChanged()
  /** The text's size changes when a document opens, the pane is resized or chunks are laid out anew. */
  private readonly resized = new ResizeObserver(this.onScroll)
  private colours = new Map<string, LabelDef>()
  private labelsKey = ''
  private selectedId: string | undefined
  /** The last render's spans sorted by start, where their clusters of overlap end, and the lanes laid out so far. */
  private items: Item[] = []
  private ends: number[] = []
  private readonly lanes = new Map<string, number>()
  private itemOf = new WeakMap<Span, Item>()
  /** My spans as last rendered, beside their items, so an edit re-makes only the items it changed. */
  private lastSpans: readonly Span[] = []
  private lastItems: Item[] = []

  constructor(private readonly root: HTMLElement) {
    this.pane = root.closest('main') ?? root
    this.pane.addEventListener('scroll', this.onScroll, { passive: true })
    document.addEventListener('selectionchange', this.onSelectionChange)
    this.resized.observe(root)
  }

  /**
   * Finds the chunks within a screen's height of the pane's visible part and draws those that came
   * near. Chunks are in document order, so the first is found by binary search on their places: a
   * few layout reads per scroll, where watching every chunk cost a pass over all of them each frame.
   */
  private findNear(): void {
    const view = this.pane.getBoundingClientRect()
    const top = view.top - view.height
    const bottom = view.bottom + view.height
    const box = (i: number): DOMRect => this.chunks[i]!.element.getBoundingClientRect()
    const near = new Set<number>()
    let at = partitionPoint(this.chunks.length, (k) => box(k).bottom <= top)
    for (; at < this.chunks.length && box(at).top < bottom; at++) near.add(at)
    // The text is laid out now, places having just been read, so asking for the selection costs nothing.
    if (this.mayBeSelected && window.getSelection()?.rangeCount === 0) this.mayBeSelected = false
    const came = [...near].filter((i) => !this.near.has(i))
    // Chunks that went away lose their marks now, while scrolling, rather than at the next edit.
    const left = [...this.near].filter((i) => !near.has(i) && i !== this.selectedChunk)
    this.near = near
    for (const index of left) this.clear(index)
    for (const index of came) this.draw(index)
  }

  /** Where the selected span's item is among the items: found by its place, not by a pass over them all. */
  private indexOfSelected(selected: Span | undefined): number {
    const item = selected && this.itemOf.get(selected)
    if (!item?.mine) return -1
    const items = this.items
    for (let i = partitionPoint(items.length, (k) => items[k]!.start < item.start); i < items.length; i++) {
      if (items[i] === item) return i
      if (items[i]!.start !== item.start) break
    }
    return -1
  }

  /**
   * Draws spans over the text. Its cost grows with the spans only through passes of pointer and number
   * comparisons over the list: marks are made for the chunks near the screen alone.
   */
  render(input: RenderInput): void {
    const { text, spans, theirs = [], map, labels, selected: selectedSpan } = input
    if (text !== this.text) this.reset(text)
    this.colours = new Map(labels.map((l) => [l.name, l]))
    this.labelsKey = labels.map((l) => `${l.name}:${l.color}:${l.guideline}`).join('|')
    this.selectedId = selectedSpan?.id
    // Spans are immutable: an unchanged span keeps its item (and UTF-16 place) from the last render.
    const item = (span: Span, mine: boolean): Item => {
      let cached = this.itemOf.get(span)
      if (!cached || cached.mine !== mine) {
        cached = {
          id: mine ? span.id : THEIRS + span.id,
          start: map.toUtf16(span.start),
          end: map.toUtf16(span.end),
          span,
          mine
        }
        this.itemOf.set(span, cached)
      }
      return cached
    }
    const mine = mapReusing(spans, this.lastSpans, this.lastItems, (s) => item(s, true))
    this.lastSpans = spans
    this.lastItems = mine
    // Spans come sorted by position; sorting is needed only to merge mine with theirs.
    this.items =
      theirs.length === 0
        ? mine
        : [...mine, ...theirs.map((s) => item(s, false))].sort((a, b) => a.start - b.start)
    this.ends = clusterEnds(this.items)
    this.lanes.clear()
    const selected = this.indexOfSelected(selectedSpan)
    const selectedChunk =
      selected === -1
        ? -1
        : partitionPoint(this.chunks.length, (c) => this.chunks[c]!.to <= this.items[selected]!.start)
    // Chunks leaving the screen lose their marks as they go (findNear); the one exception is the chunk
    // of the selected span, so only the last one of those can be left with stale marks.
    const before = this.selectedChunk
    this.selectedChunk = selectedChunk
    if (before !== -1 && before !== selectedChunk && !this.near.has(before)) this.clear(before)
    for (const index of this.near) this.draw(index)
    if (selectedChunk !== -1) this.draw(selectedChunk)
  }

  /** An item's lane, laying out its cluster the first time one of its spans is drawn in this render. */
  private laneOf(index: number): number {
    const item = this.items[index]!
    let lane = this.lanes.get(item.id)
    if (lane === undefined) {
      const cluster = clusterOfIndex(this.ends, index)
      layOutCluster(
        this.items.slice(cluster === 0 ? 0 : this.ends[cluster - 1], this.ends[cluster]),
        this.lanes
      )
      lane = this.lanes.get(item.id) ?? 0
    }
    return lane
  }

  /** The UTF-16 offset in the text of a DOM point inside the root. */
  offsetOf(node: Node, offset: number): number {
    const chunk = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-chunk]')
    const from = chunk ? (this.chunks[Number(chunk.dataset['chunk'])]?.from ?? 0) : 0
    return from + textOffset(chunk ?? this.root, node, offset)
  }

  /**
   * Says the selection may have changed. The browser says so itself, but only in a task of its own: a
   * selection made in code and scrolled to at once is told here, or a chunk drawn before then would
   * lose it.
   */
  selectionChanged(): void {
    this.mayBeSelected = true
  }

  /** Stops following the scroll position and size, when the view goes away. */
  destroy(): void {
    this.pane.removeEventListener('scroll', this.onScroll)
    document.removeEventListener('selectionchange', this.onSelectionChange)
    this.resized.disconnect()
  }

  private draw(index: number): void {
    const chunk = this.chunks[index]
    if (!chunk || this.text === undefined) return
    const placed = overlapping(this.items, this.ends, chunk.from, chunk.to).map((i): Placed => ({
      ...this.items[i]!,
      lane: this.laneOf(i)
    }))
    const signature =
      placed.length === 0
        ? ''
        : this.labelsKey +
          placed
            .map(
              (p) =>
                `${p.id}:${p.start}:${p.end}:${p.lane}:${p.span.label}:${p.id === this.selectedId ? 1 : 0}`
            )
            .join('|')
    if (signature !== chunk.drawn) this.paint(chunk, placed, signature)
  }

  private clear(index: number): void {
    const chunk = this.chunks[index]!
    if (chunk.drawn !== '') this.paint(chunk, [], '')
  }

  /** Makes a chunk's children show these spans, keeping the nodes of pieces that stay, and the selection. */
  private paint(chunk: Chunk, placed: Placed[], signature: string): void {
    chunk.drawn = signature
    const selection = this.mayBeSelected ? window.getSelection() : null
    if (selection?.rangeCount === 0) this.mayBeSelected = false
    keepingSelection(selection, chunk.element, () => {
      chunk.pieces = patchChildren(
        chunk.element,
        chunk.pieces,
        drawChunk(this.text!, chunk.from, chunk.to, placed, this.colours, this.selectedId)
      )
    })
  }

  private reset(text: string): void {
    this.text = text
    // Items hold UTF-16 places in the old text.
    this.itemOf = new WeakMap()
    this.lastSpans = []
    this.lastItems = []
    this.selectedChunk = -1
    // No end of the selection can lie in chunks made just now.
    this.mayBeSelected = false
    this.chunks = chunkBounds(text).map(([from, to], i) => {
      const element = document.createElement('span')
      element.dataset['chunk'] = String(i)
      element.style.setProperty('contain-intrinsic-block-size', `auto ${estimatedHeight(text, from, to)}px`)
      element.appendChild(document.createTextNode(text.slice(from, to)))
      // That text node is what drawing the chunk without spans would make.
      const pieces = new Map<string, Node>([[`${0}:${to - from}`, element.firstChild!]])
      return { from, to, element, drawn: '', pieces }
    })
    this.root.replaceChildren(...this.chunks.map((c) => c.element))
    // The first chunks are on screen when a document opens; scrolling finds the rest as they come near.
    this.near = new Set(Array.from({ length: Math.min(3, this.chunks.length) }, (_, i) => i))
  }
}
