import { contextOf, reanchorSpans } from '../../../shared/anchor'
import { OffsetMap, sliceCodePoints } from '../../../shared/offsets'
import { snapSelection } from '../../../shared/snap'
import { byPosition, DEFAULT_LABELS, placeAmong, timestamp } from '../../../shared/spans'
import type { DocStatus, LabelDef, Span } from '../../../shared/spans'
import { BucketIndex, countBucketLabels } from './buckets'
import { db, storageErrorMessage, type DocRecord } from './db'
import { indexOfWritten, MINE, readMineDoc, readPlaces, storeSpanChange, writeDocSpans } from './layers'
import { History, invert, type Change, type Step } from './history'
import type { ImportWritten } from './import-job'

type StoredDoc = [{ spans: Span[]; index: BucketIndex }, DocRecord | undefined]

/** The open document's spans, every change to them, and whether each change is stored yet. */
export class AnnotationState {
  corpus = $state('')
  docId = $state<string | undefined>()
  text = $state('')
  spans = $state.raw<Span[]>([])
  selectedId = $state<string | undefined>()
  /** Counts the selections to scroll into view: made from the keyboard, the span list or search, not on screen. */
  revealCount = $state(0)
  labels = $state<LabelDef[]>([...DEFAULT_LABELS])
  author = $state('annotator')
  snapWords = $state(false)
  /** Spans per label, per document of the corpus. */
  counts = $state<Record<string, Record<string, number>>>({})
  statuses = $state<Record<string, DocStatus>>({})
  pending = $state(0)
  error = $state<string | undefined>()
  /** What re-anchoring did when the open document had changed on disk. */
  reanchorNotice = $state<string | undefined>()

  saveStatus = $derived(this.error ? this.error : this.pending > 0 ? 'Saving…' : 'Saved')
  selected = $derived.by(() => {
    // Read once: a state read in the loop would be a signal read per span.
    const { selectedId: id, spans, made } = this
    if (id === undefined) return undefined
    // The span just made is selected: found by binary search on its place, not by a pass over every span.
    if (made?.id === id && spans[placeAmong(spans, made)] === made) return made
    return spans.find((s) => s.id === id)
  })
  placed = $derived(this.spans.filter((s) => !s.orphaned))
  orphans = $derived(this.spans.filter((s) => s.orphaned))
  map = $derived(new OffsetMap(this.text))

  /** The span last made (not state: `selectedId` and `spans` say when `selected` may have changed). */
  private made: Span | undefined
  private history = new History()
  /** Which bucket each span of the open document is stored in. */
  private index = new BucketIndex()

  async openCorpus(corpus: string, defaultAuthor: string): Promise<void> {
    this.corpus = corpus
    this.docId = undefined
    this.spans = []
    this.history.clear()
    const [labels, author, docs] = await Promise.all([
      db.corpora.get(corpus),
      db.settings.get('author'),
      db.docs.where('corpus').equals(corpus).toArray()
    ])
    this.labels = labels?.labels ?? [...DEFAULT_LABELS]
    this.author = author?.value ?? defaultAuthor
    this.statuses = Object.fromEntries(docs.map((d) => [d.docId, d.status]))
    const counts: Record<string, Record<string, number>> = {}
    for (const bucket of await readPlaces(corpus, MINE))
      countBucketLabels(bucket, (counts[bucket.docId] ??= {}))
    this.counts = counts
  }

  /** The document being opened; a later open wins over an earlier one still loading. */
  private opening: string | undefined

  /**
   * Opens a document: its text, spans and any re-anchoring become visible
   * together, so a key pressed while it loads still applies to what is shown.
   */
  async openDoc(
    docId: string,
    text: string,
    sha256: string,
    stored: Promise<StoredDoc> = this.loadStored(docId)
  ): Promise<void> {
    this.opening = docId
    const [storedDoc, record] = await stored
    if (this.opening !== docId) return
    let { spans, index } = storedDoc
    let notice: string | undefined
    if (record?.sha256 !== sha256) {
      if (record?.sha256 && spans.length > 0)
        ({ spans, index, notice } = await this.reanchorAll(docId, text, spans, index))
      await this.track(this.saveDoc(docId, { sha256 }))
      if (this.opening !== docId) return
    }
    this.docId = docId
    this.text = text
    this.showStored(spans, index)
    this.selectedId = undefined
    this.reanchorNotice = notice
  }

  /** A document's stored spans and record, read while its text is still on its way. */
  loadStored(docId: string): Promise<StoredDoc> {
    return Promise.all([readMineDoc(this.corpus, docId), db.docs.get([this.corpus, docId])])
  }

  /** The file changed since it was annotated: move each span to where its text now is, or orphan it. */
  private async reanchorAll(
    docId: string,
    text: string,
    spans: Span[],
    index: BucketIndex
  ): Promise<{ spans: Span[]; index: BucketIndex; notice: string }> {
    const result = reanchorSpans(text, spans)
    if (result.changed > 0) {
      await this.track(writeDocSpans(this.corpus, MINE, docId, result.spans))
      index = indexOfWritten(this.corpus, docId, result.spans)
    }
    this.history.forget(docId)
    return { spans: result.spans, index, notice: result.notice }
  }

  private saveDoc(docId: string, patch: Partial<DocRecord>): Promise<unknown> {
    return db.transaction('rw', db.docs, async () => {
      const current = await db.docs.get([this.corpus, docId])
      await db.docs.put({ corpus: this.corpus, docId, status: 'todo', ...current, ...patch })
    })
  }

  /** Reloads counts and the open document's spans after a bulk change (import, clear). */
  async refresh(): Promise<void> {
    const docId = this.docId
    const text = this.text
    await this.openCorpus(this.corpus, this.author)
    if (docId !== undefined) {
      this.docId = docId
      this.text = text
      const { spans, index } = await readMineDoc(this.corpus, docId)
      this.showStored(spans, index)
    }
  }

  /** Takes in documents whose stored spans an import replaced: their counts, and the open one's spans. */
  showWritten({ counts, open }: ImportWritten): void {
    this.counts = { ...this.counts, ...counts }
    if (open && this.docId !== undefined) this.showStored(open, indexOfWritten(this.corpus, this.docId, open))
  }

  /** The open document's spans as stored (sorted here, in place), with the index of their buckets. */
  private showStored(spans: Span[], index: BucketIndex): void {
    this.spans = spans.sort(byPosition)
    this.index = index
  }

  closeDoc(): void {
    this.opening = undefined
    this.docId = undefined
    this.text = ''
    this.spans = []
    this.index = new BucketIndex()
    this.selectedId = undefined
  }

  /** Tags a selection given in UTF-16 indices of the text; returns the new span, if any. */
  create(label: string, start16: number, end16: number): Span | undefined {
    if (!this.docId) return undefined
    const snapped = snapSelection(this.text, start16, end16, { words: this.snapWords })
    if (!snapped) return undefined
    const start = this.map.toCodePoint(snapped.start)
    const end = this.map.toCodePoint(snapped.end)
    const now = timestamp()
    const span: Span = {
      id: crypto.randomUUID(),
      docId: this.docId,
      start,
      end,
      label,
      text: sliceCodePoints(this.text, start, end, this.map),
      author: this.author,
      createdAt: now,
      updatedAt: now,
      ...contextOf(this.text, start, end, this.map)
    }
    this.made = span
    this.change({ after: span })
    this.selectedId = span.id
    if ((this.statuses[this.docId] ?? 'todo') === 'todo') void this.setStatus(this.docId, 'in-progress')
    return span
  }

  update(id: string, patch: Partial<Pick<Span, 'label' | 'note'>>): void {
    const before = this.spans.find((s) => s.id === id)
    if (!before) return
    if (Object.entries(patch).every(([k, v]) => before[k as keyof Span] === v)) return
    this.change({ before, after: { ...before, ...patch, updatedAt: timestamp() } })
  }

  remove(id: string): void {
    const before = this.spans.find((s) => s.id === id)
    if (!before) return
    this.change({ before })
    if (this.selectedId === id) this.selectedId = undefined
  }

  undo(): void {
    const change = this.docId && this.history.undo(this.docId)
    if (change) this.change(change, 'undo')
  }

  redo(): void {
    const change = this.docId && this.history.redo(this.docId)
    if (change) this.change(change, 'redo')
  }

  /** Moves the selection to the next (or previous) span in reading order. */
  selectNext(step: 1 | -1): void {
    if (this.spans.length === 0) return
    const at = this.spans.findIndex((s) => s.id === this.selectedId)
    const next =
      at === -1
        ? step === 1
          ? 0
          : this.spans.length - 1
        : (at + step + this.spans.length) % this.spans.length
    this.select(this.spans[next]!.id, true)
  }

  /** Selects a span; `reveal` asks the text and the list to scroll it into view. */
  select(id: string | undefined, reveal = false): void {
    this.selectedId = id
    if (reveal && id !== undefined) this.revealCount++
  }

  labelFor(name: string): LabelDef | undefined {
    return this.labels.find((l) => l.name === name)
  }

  async setStatus(docId: string, status: DocStatus): Promise<void> {
    this.statuses[docId] = status
    await this.track(this.saveDoc(docId, { status }))
  }

  async setAuthor(name: string): Promise<void> {
    this.author = name.trim() || this.author
    await this.track(db.settings.put({ key: 'author', value: this.author }))
  }

  async setLabels(labels: LabelDef[]): Promise<void> {
    this.labels = labels
    await this.track(db.corpora.put({ corpus: this.corpus, labels: $state.snapshot(labels) }))
  }

  /** Shows a change at once, stores it, and takes it back from the screen if storing fails. */
  private change(recorded: Change, step: Step = 'record'): void {
    const change = step === 'undo' ? invert(recorded) : recorded
    const docId = (change.after ?? change.before)!.docId
    this.show(change)
    if (step === 'record') this.history.record(docId, change)
    const write = storeSpanChange(this.corpus, this.index, {
      before: change.before,
      after: change.after && $state.snapshot(change.after)
    })
    void this.track(write).then((stored) => {
      if (stored) return
      this.show(invert(change))
      this.history.revert(docId, recorded, step)
    })
  }

  private show({ before, after }: Change): void {
    const docId = (after ?? before)!.docId
    const counts = (this.counts[docId] ??= {})
    if (before) counts[before.label] = (counts[before.label] ?? 1) - 1
    if (after) counts[after.label] = (counts[after.label] ?? 0) + 1
    if (docId !== this.docId) return
    const rest = before ? this.spans.filter((s) => s.id !== before.id) : [...this.spans]
    if (after) rest.splice(placeAmong(rest, after), 0, after)
    this.spans = rest
  }

  private async track(write: Promise<unknown>): Promise<boolean> {
    this.pending++
    try {
      await write
      this.error = undefined
      return true
    } catch (error) {
      this.error = storageErrorMessage(error)
      return false
    } finally {
      this.pending--
    }
  }
}

export const annotations = new AnnotationState()
