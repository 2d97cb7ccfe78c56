import {
  cohenKappa,
  confusion,
  countOverlapping,
  coverage,
  groupBy,
  rangeKey,
  scores,
  tokenize,
  type Agreement,
  type Annotation,
  type Scores
} from './agreement'
import type { Span } from './spans'

/** Everything the review panel shows: the corpus, each label, each document, and the confusion matrix. */
export type Figures = {
  corpus: Agreement
  byLabel: Record<string, { exact: Scores; overlap: Scores; kappa: number }>
  byDoc: Record<string, Agreement>
  confusion: Record<string, Record<string, number>>
}

export function byDoc<T extends Pick<Span, 'docId'>>(spans: readonly T[]): Map<string, T[]> {
  return groupBy(spans, (s) => s.docId)
}

/** What one label in one document adds to every figure: span counts, matches and token agreement. */
type Cell = {
  mine: number
  theirs: number
  exactMine: number
  exactTheirs: number
  overlapMine: number
  overlapTheirs: number
  both: number
  onlyA: number
  onlyB: number
  neither: number
}

const emptyCell = (): Cell => ({
  mine: 0,
  theirs: 0,
  exactMine: 0,
  exactTheirs: 0,
  overlapMine: 0,
  overlapTheirs: 0,
  both: 0,
  onlyA: 0,
  onlyB: 0,
  neither: 0
})

function add(into: Cell, cell: Cell): void {
  for (const key of Object.keys(cell) as (keyof Cell)[]) into[key] += cell[key]
}

const countIn = (probes: readonly Annotation[], keys: Set<number>): number =>
  probes.reduce((n, a) => n + (keys.has(rangeKey(a)) ? 1 : 0), 0)

function cellOf(a: readonly Annotation[], b: readonly Annotation[], tokens?: [number, number][]): Cell {
  const cell = emptyCell()
  cell.mine = a.length
  cell.theirs = b.length
  cell.exactMine = countIn(a, new Set(b.map(rangeKey)))
  cell.exactTheirs = countIn(b, new Set(a.map(rangeKey)))
  cell.overlapMine = countOverlapping(a, b)
  cell.overlapTheirs = countOverlapping(b, a)
  if (tokens) {
    const x = coverage(tokens, a)
    const y = coverage(tokens, b)
    for (let i = 0; i < tokens.length; i++) {
      if (x[i] && y[i]) cell.both++
      else if (x[i]) cell.onlyA++
      else if (y[i]) cell.onlyB++
      else cell.neither++
    }
  }
  return cell
}

const exactOf = (c: Cell): Scores => scores(c.exactMine, c.exactTheirs, c.mine, c.theirs)
const overlapOf = (c: Cell): Scores => scores(c.overlapMine, c.overlapTheirs, c.mine, c.theirs)
const kappaOf = (c: Cell): number => cohenKappa(c.both, c.onlyA, c.onlyB, c.neither)

/** Exact and overlap scores of a whole, and kappa per label (with their mean) from its cells by label. */
function agreementOf(total: Cell, byLabel: ReadonlyMap<string, Cell>, labels: readonly string[]): Agreement {
  const kappa = Object.fromEntries(labels.map((l) => [l, kappaOf(byLabel.get(l) ?? emptyCell())]))
  const values = Object.values(kappa)
  return {
    exact: exactOf(total),
    overlap: overlapOf(total),
    kappa: { byLabel: kappa, mean: values.length ? values.reduce((x, y) => x + y, 0) / values.length : 1 }
  }
}

/**
 * Every figure of SPEC section 6 at once. Each one is a sum over (document, label) cells, so each
 * document is tokenised once and each pair of span lists compared once, whatever the figure.
 * Exact and overlap scores count spans in every document; kappa, the documents whose text is given.
 */
export function computeFigures(
  texts: ReadonlyMap<string, string>,
  ref: readonly Annotation[],
  other: readonly Annotation[],
  labels: readonly string[]
): Figures {
  const docIds = new Set(texts.keys())
  const cellLabels = new Set(labels)
  /** A layer's spans by document, then by label, noting every document and label met. */
  const cells = (spans: readonly Annotation[]): Map<string, Map<string, Annotation[]>> => {
    const byDocLabel = new Map<string, Map<string, Annotation[]>>()
    for (const span of spans) {
      let doc = byDocLabel.get(span.docId)
      if (!doc) {
        byDocLabel.set(span.docId, (doc = new Map<string, Annotation[]>()))
        docIds.add(span.docId)
      }
      const list = doc.get(span.label)
      if (list) list.push(span)
      else {
        doc.set(span.label, [span])
        cellLabels.add(span.label)
      }
    }
    return byDocLabel
  }
  const refCells = cells(ref)
  const otherCells = cells(other)
  const corpus = emptyCell()
  const perLabel = new Map(labels.map((l) => [l, emptyCell()]))
  const byDocFigures: Record<string, Agreement> = {}
  for (const docId of docIds) {
    const text = texts.get(docId)
    const tokens = text === undefined ? undefined : tokenize(text)
    const docTotal = emptyCell()
    const docByLabel = new Map<string, Cell>()
    for (const label of cellLabels) {
      const a = refCells.get(docId)?.get(label) ?? []
      const b = otherCells.get(docId)?.get(label) ?? []
      // A label outside the label set still counts in the exact and overlap scores, never in kappa.
      const known = perLabel.get(label)
      if (a.length === 0 && b.length === 0 && !(known && tokens)) continue
      const cell = cellOf(a, b, known ? tokens : undefined)
      add(docTotal, cell)
      add(corpus, cell)
      if (known) {
        add(known, cell)
        docByLabel.set(label, cell)
      }
    }
    if (text !== undefined) byDocFigures[docId] = agreementOf(docTotal, docByLabel, labels)
  }
  return {
    corpus: agreementOf(corpus, perLabel, labels),
    byLabel: Object.fromEntries(
      labels.map((label) => {
        const cell = perLabel.get(label)!
        return [label, { exact: exactOf(cell), overlap: overlapOf(cell), kappa: kappaOf(cell) }]
      })
    ),
    byDoc: byDocFigures,
    confusion: confusion(ref, other, labels)
  }
}
