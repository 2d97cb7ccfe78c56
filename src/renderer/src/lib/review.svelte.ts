import type { Annotation } from '../../../shared/agreement'
import { byDoc, computeFigures, type Figures } from '../../../shared/figures'
import {
  adjudicated,
  DIFF_KINDS,
  diffLayers,
  disagreementCount,
  type Decision,
  type Diff
} from '../../../shared/review'
import { timestamp, type Span } from '../../../shared/spans'
import { annotations } from './annotations.svelte'
import { readTexts } from './texts'
import { corpus } from './corpus.svelte'
import { db, spanStores, type DecisionRecord, type LayerRecord } from './db'
import { deleteLayerSpans, GOLD, layerPlaces, layerSpans, MINE, replaceLayerDoc } from './layers'

/** Both layers' spans in one document, read whole (texts and all) for its diffs and decisions. */
type DocPair = { docId: string; pair: string; ref: Span[]; other: Span[] }

/** Review mode: two layers compared, agreement figures, differences and the decisions that build the gold layer. */
export class ReviewState {
  open = $state(false)
  layers = $state<LayerRecord[]>([])
  reference = $state(MINE)
  other = $state('')
  /** Where both layers' spans lie, in every document: all that the figures and counts need. */
  refPlaces = $state.raw<Annotation[]>([])
  otherPlaces = $state.raw<Annotation[]>([])
  /** The whole spans of the document last read; only the open one's are kept. */
  private doc = $state.raw<DocPair | undefined>()
  /** Counts the comparisons begun, so that a document read for an earlier one is not kept. */
  private comparisons = 0
  decisions = $state<Record<string, DecisionRecord>>({})
  figures = $state<Figures | undefined>()
  busy = $state(false)
  currentKey = $state<string | undefined>()
  sortByDisagreement = $state(false)
  private undoStack = $state<{ key: string; docId: string; before?: DecisionRecord }[]>([])
  canUndo = $derived(this.undoStack.length > 0)

  pair = $derived(`${this.reference}|${this.other}`)
  private refByDoc = $derived(byDoc(this.refPlaces))
  private otherByDoc = $derived(byDoc(this.otherPlaces))
  /** The open document's whole spans in both layers, once read. */
  private openDoc = $derived(
    this.doc?.docId === annotations.docId && this.doc?.pair === this.pair ? this.doc : undefined
  )
  /** Spans of the other layer in the open document, drawn outlined beside mine. */
  otherInDoc = $derived(this.openDoc?.other ?? [])
  /** The open document's diffs, grouped by kind (agree first), in reading order within a group. */
  docDiffs = $derived(
    this.openDoc
      ? diffLayers(this.openDoc.ref, this.openDoc.other).sort(
          (a, b) => DIFF_KINDS.indexOf(a.kind) - DIFF_KINDS.indexOf(b.kind) || a.start - b.start
        )
      : []
  )
  /** Differences to step through: everything but agreements. */
  differences = $derived(this.docDiffs.filter((d) => d.kind !== 'agree'))
  current = $derived(this.docDiffs.find((d) => d.key === this.currentKey))
  /** Differences per document, each counted the first time it is shown or sorted by: not all on opening. */
  private disagreementCache = $derived.by(() => {
    void this.refByDoc
    void this.otherByDoc
    return new Map<string, number>()
  })

  disagreementsOf(docId: string): number {
    const cache = this.disagreementCache
    let count = cache.get(docId)
    if (count === undefined) {
      count = disagreementCount(this.refByDoc.get(docId) ?? [], this.otherByDoc.get(docId) ?? [])
      cache.set(docId, count)
    }
    return count
  }

  layerNames = $derived([MINE, ...this.layers.map((l) => l.name)])

  async show(): Promise<void> {
    this.open = true
    this.layers = await db.layers.where('corpus').equals(annotations.corpus).toArray()
    if (!this.other || !this.layerNames.includes(this.other))
      this.other = this.layers.find((l) => l.name !== GOLD)?.name ?? this.layers[0]?.name ?? ''
    await this.compare()
  }

  /**
   * Compares the two chosen layers: the figures from where their spans lie (the texts records, most of
   * the bytes, are not read), the open document's diffs from its whole spans, shown together.
   */
  async compare(): Promise<void> {
    if (!this.other || !corpus.listing) return
    this.busy = true
    const comparison = ++this.comparisons
    const root = annotations.corpus
    const docId = annotations.docId
    // Texts (from main) and spans (from IndexedDB) are read at once.
    const [ref, other, decisions, texts, doc] = await Promise.all([
      layerPlaces(root, this.reference),
      layerPlaces(root, this.other),
      db.decisions.where('[corpus+pair]').equals([root, this.pair]).toArray(),
      readTexts(corpus.listing.docs.filter((d) => !d.error)),
      docId === undefined ? undefined : this.readDoc(docId)
    ])
    if (comparison !== this.comparisons) return
    this.refPlaces = ref
    this.otherPlaces = other
    this.doc = doc
    this.decisions = Object.fromEntries(decisions.map((d) => [d.key, d]))
    this.figures = computeFigures(
      texts,
      ref,
      other,
      annotations.labels.map((l) => l.name)
    )
    this.busy = false
    this.currentKey = this.differences[0]?.key
  }

  /** Reads the whole spans of a document newly opened in review, unless they are read already. */
  async follow(docId: string | undefined): Promise<void> {
    if (docId === undefined || !this.other || (this.doc?.docId === docId && this.doc.pair === this.pair))
      return
    const comparison = this.comparisons
    const doc = await this.readDoc(docId)
    if (comparison === this.comparisons && doc.pair === this.pair && annotations.docId === docId)
      this.doc = doc
  }

  private async readDoc(docId: string): Promise<DocPair> {
    const { pair } = this
    const [ref, other] = await Promise.all([
      layerSpans(annotations.corpus, this.reference, docId),
      layerSpans(annotations.corpus, this.other, docId)
    ])
    return { docId, pair, ref, other }
  }

  step(by: 1 | -1): void {
    const list = this.differences
    if (list.length === 0) return
    const at = list.findIndex((d) => d.key === this.currentKey)
    this.currentKey = list[at === -1 ? 0 : (at + by + list.length) % list.length]!.key
  }

  async decide(decision: Decision): Promise<void> {
    const diff = this.current
    const docId = annotations.docId
    if (!diff || !docId) return
    const record: DecisionRecord = {
      corpus: annotations.corpus,
      pair: this.pair,
      key: diff.key,
      docId,
      decision,
      decidedBy: annotations.author,
      decidedAt: timestamp()
    }
    this.undoStack.push({ key: diff.key, docId, before: this.decisions[diff.key] })
    await this.store(diff.key, docId, record)
    const list = this.differences
    const from = list.findIndex((d) => d.key === diff.key)
    const next = [...list.slice(from + 1), ...list.slice(0, from)].find((d) => !this.decisions[d.key])
    this.currentKey = next?.key ?? this.currentKey
  }

  /** Takes back the last decision; false when there is none. */
  async undo(): Promise<boolean> {
    const last = this.undoStack.pop()
    if (!last) return false
    await this.store(last.key, last.docId, last.before)
    this.currentKey = last.key
    return true
  }

  async removeLayer(name: string): Promise<void> {
    await db.transaction('rw', [...spanStores, db.layers], async () => {
      await deleteLayerSpans(annotations.corpus, name)
      await db.layers.delete([annotations.corpus, name])
    })
    if (this.other === name) this.other = ''
    await this.show()
  }

  private async store(key: string, docId: string, record: DecisionRecord | undefined): Promise<void> {
    if (record) this.decisions[key] = record
    else delete this.decisions[key]
    const gold = await this.goldFor(docId)
    await db.transaction('rw', [db.decisions, ...spanStores, db.layers], async () => {
      if (record) await db.decisions.put($state.snapshot(record))
      else await db.decisions.delete([annotations.corpus, this.pair, key])
      await replaceLayerDoc(annotations.corpus, GOLD, docId, gold)
    })
  }

  /**
   * The gold spans of a document: what each diff's decision leaves, stamped with the decision's time.
   * The open document's spans are at hand; another's (a decision undone after moving on) are read.
   */
  private async goldFor(docId: string): Promise<Span[]> {
    const doc = this.openDoc?.docId === docId ? this.openDoc : await this.readDoc(docId)
    const diffs: Diff[] = diffLayers(doc.ref, doc.other)
    return diffs.flatMap((diff) => {
      const record = this.decisions[diff.key]
      const span = adjudicated(diff, record?.decision)
      return span ? [{ ...$state.snapshot(span), updatedAt: record?.decidedAt ?? span.updatedAt }] : []
    })
  }
}

export const review = new ReviewState()
