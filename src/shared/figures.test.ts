import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { agreement, exactScores, overlapScores } from './agreement'
import { byDoc, computeFigures, type Figures } from './figures'
import type { Span } from './spans'
import { RUNS } from './test-fuzz'

const LABELS = ['claim', 'quote', 'speculation']

/** The figures as each is defined on its own: every one computed from the raw span lists again. */
function eachOnItsOwn(
  texts: ReadonlyMap<string, string>,
  ref: readonly Span[],
  other: readonly Span[],
  labels: readonly string[]
): Figures {
  const whole = agreement(texts, ref, other, labels)
  const refDocs = byDoc(ref)
  const otherDocs = byDoc(other)
  return {
    corpus: whole,
    byLabel: Object.fromEntries(
      labels.map((label) => {
        const a = ref.filter((s) => s.label === label)
        const b = other.filter((s) => s.label === label)
        return [
          label,
          { exact: exactScores(a, b), overlap: overlapScores(a, b), kappa: whole.kappa.byLabel[label]! }
        ]
      })
    ),
    byDoc: Object.fromEntries(
      [...texts].map(([id, text]) => [
        id,
        agreement(new Map([[id, text]]), refDocs.get(id) ?? [], otherDocs.get(id) ?? [], labels)
      ])
    ),
    confusion: naiveConfusion(ref, other, labels)
  }
}

/** Every (mine, theirs) pair in a document that shares a character, counted by labels. */
function naiveConfusion(
  ref: readonly Span[],
  other: readonly Span[],
  labels: readonly string[]
): Record<string, Record<string, number>> {
  const matrix = Object.fromEntries(labels.map((a) => [a, Object.fromEntries(labels.map((b) => [b, 0]))]))
  for (const m of ref)
    for (const t of other)
      if (
        m.docId === t.docId &&
        m.start < t.end &&
        t.start < m.end &&
        matrix[m.label] &&
        t.label in matrix[m.label]!
      )
        matrix[m.label]![t.label]!++
  return matrix
}

const TEXT = 'Pompeo met Kim; 12 talks, "productive" 👍 e\u0301 résumé. Next week: more?'

const layer = (tag: string) =>
  fc
    .array(
      fc.record({
        doc: fc.integer({ min: 0, max: 3 }),
        start: fc.nat(60),
        length: fc.integer({ min: 1, max: 12 }),
        // Now and then a label outside the label set, as an import of another tool's labels may bring.
        label: fc.constantFrom(...LABELS, 'rumour')
      }),
      { maxLength: 40 }
    )
    .map((list) =>
      list.map(({ doc, start, length, label }, i): Span => ({
        id: `${tag}${i}`,
        docId: `d${doc}`,
        start,
        end: Math.min(start + length, 70),
        label,
        text: '',
        author: tag,
        createdAt: '',
        updatedAt: ''
      }))
    )

describe('computeFigures', () => {
  it('gives every figure as computing it on its own does (documents without text included)', () => {
    // d3 has spans but no text (unreadable): it counts in exact and overlap scores, not in kappa.
    const texts = new Map([
      ['d0', TEXT],
      ['d1', TEXT.slice(10)],
      ['d2', '']
    ])
    fc.assert(
      fc.property(layer('m'), layer('t'), (ref, other) => {
        expect(computeFigures(texts, ref, other, LABELS)).toEqual(eachOnItsOwn(texts, ref, other, LABELS))
      }),
      { numRuns: RUNS }
    )
  })
})
