import { partitionPoint } from './sorted'

/** A labelled span. Offsets are Unicode code points into the decoded text, end exclusive. */
export type Span = {
  id: string
  docId: string
  start: number
  end: number
  label: string
  /** The covered text, kept so the span can be re-anchored if the file changes. */
  text: string
  note?: string
  author: string
  createdAt: string
  updatedAt: string
  /** Up to 32 code points before and after, from when the span was last placed. */
  prefix?: string
  suffix?: string
  /** Set when the file changed and the span's text could not be found again. */
  orphaned?: boolean
}

export type LabelDef = {
  name: string
  /** CSS colour. */
  color: string
  /** The key that applies it: one character. */
  key: string
  /** One line shown on hover. */
  guideline: string
}

export const DEFAULT_LABELS: readonly LabelDef[] = [
  {
    name: 'claim',
    color: '#2f6fdb',
    key: '1',
    guideline: 'An assertion presented as fact by the writer or a source.'
  },
  { name: 'quote', color: '#1f9d55', key: '2', guideline: 'Words attributed to a named or unnamed speaker.' },
  {
    name: 'speculation',
    color: '#d97706',
    key: '3',
    guideline: 'A guess, forecast or hedged statement about what may be or happen.'
  }
]

export const DOC_STATUSES = ['todo', 'in-progress', 'done'] as const
export type DocStatus = (typeof DOC_STATUSES)[number]

/** The time stamp every span carries: ISO 8601 in UTC. */
export const timestamp = (): string => new Date().toISOString()

/** Adds the spans per label to `into`. */
export function countLabels(
  spans: readonly Span[],
  into: Record<string, number> = {}
): Record<string, number> {
  for (const span of spans) into[span.label] = (into[span.label] ?? 0) + 1
  return into
}

/** Reading order: by start, the longer of two spans starting together first, then by id. */
export const byPosition = (a: Span, b: Span): number =>
  a.start - b.start || b.end - a.end || a.id.localeCompare(b.id)

/** Where a span is, or would go, among spans in reading order: found by binary search. */
export const placeAmong = (spans: readonly Span[], span: Span): number =>
  partitionPoint(spans.length, (i) => byPosition(spans[i]!, span) < 0)
