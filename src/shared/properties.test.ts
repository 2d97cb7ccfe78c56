import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { reanchor, contextOf } from './anchor'
import { exportAs, ImportError, readImport } from './formats/index'
import { EXPORT_FORMATS, type ExportDoc } from './formats/model'
import { placeImported } from './formats/place'
import { sha256Hex } from './formats/test-hash'
import { assignLanes, type Interval } from './layout'
import { OffsetMap, sliceCodePoints } from './offsets'
import { diffLayers } from './review'
import { DEFAULT_LABELS, type Span } from './spans'

/** How many random cases each property runs: FUZZ_RUNS=10000 npm run test:unit for the long mode. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000)

/** Characters that break naive offset code: astral, flags, ZWJ, combining marks, CR/LF, NBSP, RTL, CJK. */
const tricky = fc.constantFrom(
  'a',
  ' ',
  '\r\n',
  '\n',
  '\r',
  '\u00a0',
  '\u200b',
  '\u200d',
  'e\u0301',
  '👍',
  '🇺🇸',
  '👩‍👩‍👧',
  'ש',
  '中',
  '\ud800',
  '\udc00',
  '"',
  '\\',
  '\t'
)
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join(''))
)

describe('OffsetMap on random Unicode', () => {
  it('code point offsets and UTF-16 indices convert back and forth exactly', () => {
    fc.assert(
      fc.property(text, (s) => {
        const map = new OffsetMap(s)
        const points = Array.from(s)
        expect(map.codePointLength).toBe(points.length)
        let utf16 = 0
        for (let cp = 0; cp <= points.length; cp++) {
          expect(map.toUtf16(cp)).toBe(utf16)
          expect(map.toCodePoint(utf16)).toBe(cp)
          utf16 += points[cp]?.length ?? 0
        }
      }),
      { numRuns: RUNS }
    )
  })

  it('slicing by code points equals slicing the code point array', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (s, a, b) => {
        const points = Array.from(s)
        const [start, end] = [a % (points.length + 1), b % (points.length + 1)].sort((x, y) => x - y)
        expect(sliceCodePoints(s, start!, end!)).toBe(points.slice(start, end).join(''))
      }),
      { numRuns: RUNS }
    )
  })
})

describe('overlap lanes on random spans', () => {
  /** The layout rule, naively: shortest first, each in the lowest lane free of spans it overlaps. */
  function naiveLanes(spans: readonly Interval[]): Map<string, number> {
    const lanes = new Map<string, number>()
    const placed: Interval[] = []
    for (const span of [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start)) {
      const taken = new Set(
        placed.filter((p) => p.start < span.end && span.start < p.end).map((p) => lanes.get(p.id))
      )
      let lane = 0
      while (taken.has(lane)) lane++
      lanes.set(span.id, lane)
      placed.push(span)
    }
    return lanes
  }

  it('laying out cluster by cluster gives the lanes of laying out everything at once', () => {
    const spans = fc
      .array(fc.record({ start: fc.nat(300), length: fc.integer({ min: 1, max: 40 }) }), { maxLength: 80 })
      .map((list) => list.map(({ start, length }, i) => ({ id: `s${i}`, start, end: start + length })))
    fc.assert(
      fc.property(spans, (list) => {
        expect(assignLanes(list)).toEqual(naiveLanes(list))
      }),
      { numRuns: RUNS }
    )
  })
})

describe('review pairing on random layers', () => {
  /** The pairing rule, naively: for each of mine in order, the best free one of theirs, first on a tie. */
  function naiveDiff(mine: readonly Span[], theirs: readonly Span[]): string[] {
    const freeMine = new Set(mine)
    const freeTheirs = new Set(theirs)
    const out: string[] = []
    const pass = (
      kind: string,
      match: (m: Span, t: Span) => boolean,
      score: (m: Span, t: Span) => number
    ) => {
      for (const m of [...freeMine]) {
        let best: Span | undefined
        for (const t of freeTheirs) if (match(m, t) && (!best || score(m, t) > score(m, best))) best = t
        if (!best) continue
        freeMine.delete(m)
        freeTheirs.delete(best)
        out.push(`${kind}:${m.id}:${best.id}`)
      }
    }
    const same = (m: Span, t: Span): boolean => m.start === t.start && m.end === t.end
    const sharedBy = (m: Span, t: Span): number => Math.min(m.end, t.end) - Math.max(m.start, t.start)
    pass(
      'agree',
      (m, t) => same(m, t) && m.label === t.label,
      () => 0
    )
    pass('label-conflict', same, () => 0)
    pass('boundary-conflict', (m, t) => m.label === t.label && sharedBy(m, t) > 0, sharedBy)
    for (const m of freeMine) out.push(`only-mine:${m.id}`)
    for (const t of freeTheirs) out.push(`only-theirs:${t.id}`)
    return out.sort()
  }

  it('pairs exactly as the naive rule does', () => {
    const layer = (prefix: string) =>
      fc
        .array(
          fc.record({
            start: fc.nat(60),
            length: fc.integer({ min: 1, max: 15 }),
            label: fc.constantFrom('a', 'b')
          }),
          { maxLength: 25 }
        )
        .map((list) =>
          list.map(({ start, length, label }, i): Span => ({
            id: `${prefix}${i}`,
            docId: 'd',
            start,
            end: start + length,
            label,
            text: '',
            author: prefix,
            createdAt: '',
            updatedAt: ''
          }))
        )
    fc.assert(
      fc.property(layer('m'), layer('t'), (mine, theirs) => {
        expect(
          diffLayers(mine, theirs)
            .map((d) => d.key)
            .sort()
        ).toEqual(naiveDiff(mine, theirs))
      }),
      { numRuns: RUNS }
    )
  })
})

describe('re-anchoring on random edits', () => {
  const edited = fc
    .record({
      before: text,
      quote: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      after: text,
      insertBefore: text,
      insertAfter: text
    })
    .filter(({ quote }) => quote.trim() !== '')

  it('a span whose text survives an edit around it lands on that text', () => {
    fc.assert(
      fc.property(edited, ({ before, quote, after, insertBefore, insertAfter }) => {
        const original = before + quote + after
        const start = Array.from(before).length
        const end = start + Array.from(quote).length
        const anchor = { start, end, text: quote, ...contextOf(original, start, end) }
        const changed = insertBefore + before + quote + after + insertAfter
        const placed = reanchor(changed, anchor)
        expect(placed).toBeDefined()
        expect(sliceCodePoints(changed, placed!.start, placed!.end)).toBe(quote)
      }),
      { numRuns: RUNS }
    )
  })

  it('a span whose text is gone is reported unplaceable, never placed on other text', () => {
    fc.assert(
      fc.property(edited, ({ before, quote, after }) => {
        const original = before + quote + after
        const start = Array.from(before).length
        const anchor = { start, end: start + Array.from(quote).length, text: quote }
        const changed = (before + after).split(quote).join('')
        const placed = reanchor(changed, anchor)
        if (placed) expect(sliceCodePoints(changed, placed.start, placed.end)).toBe(quote)
        else expect(changed.includes(quote)).toBe(false)
        expect(original.includes(quote)).toBe(true)
      }),
      { numRuns: RUNS }
    )
  })
})

const META = { annotator: 'fuzz', labels: DEFAULT_LABELS, exportedAt: '2026-11-24T00:00:00.000Z' }
const LABELS = DEFAULT_LABELS.map((l) => l.name)

/** No lone surrogates: text a file can hold. */
const wellFormed = (s: string): boolean => !/\p{Cs}/u.test(s)

/** Spans as the app makes them: never empty, never starting or ending with white space (snapping trims it). */
const trimmed = (quote: string): boolean => /^\S(.*\S)?$/su.test(quote)

/** A document of random text with random (possibly overlapping) spans, exportable in every format. */
const exportDoc = text
  .filter((s) => Array.from(s).length > 0 && wellFormed(s))
  .chain((s) => {
    const length = Array.from(s).length
    const span = fc
      .record({ a: fc.nat(length), b: fc.nat(length), label: fc.constantFrom(...LABELS), note: text })
      .filter(({ a, b }) => a !== b)
    return fc.record({ text: fc.constant(s), spans: fc.array(span, { maxLength: 6 }) })
  })
  .map(({ text, spans }): ExportDoc => {
    const points = Array.from(text)
    return {
      id: 'doc.txt',
      sha256: sha256Hex(text),
      text,
      spans: spans.flatMap(({ a, b, label, note }, i): Span[] => {
        const [start, end] = a < b ? [a, b] : [b, a]
        if (!trimmed(points.slice(start, end).join(''))) return []
        const span: Span = {
          id: `s${i}`,
          docId: 'doc.txt',
          start,
          end,
          label,
          text: points.slice(start, end).join(''),
          note: wellFormed(note) ? note : '',
          author: 'fuzz',
          createdAt: META.exportedAt,
          updatedAt: META.exportedAt
        }
        return [span]
      })
    }
  })

const IMPORTABLE = EXPORT_FORMATS.filter((f) => f !== 'csv')

/** The files an export makes, as an import would receive them. */
function exportedFiles(format: (typeof EXPORT_FORMATS)[number], doc: ExportDoc) {
  const file = exportAs(format, [doc], META, 'fuzz')
  const data = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data
  return [{ name: file.name, data }]
}

/** Byte-level damage: flips, cuts, insertions and truncation of a file. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() })
)
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never

function mutate(data: Uint8Array, damage: readonly Mutation[]): Uint8Array {
  let bytes = data
  for (const m of damage) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length
    if (m.kind === 'flip') bytes = bytes.map((b, i) => (i === at ? m.byte : b))
    else if (m.kind === 'cut') bytes = new Uint8Array([...bytes.slice(0, at), ...bytes.slice(at + m.length)])
    else if (m.kind === 'insert')
      bytes = new Uint8Array([...bytes.slice(0, at), ...m.bytes, ...bytes.slice(at)])
    else bytes = bytes.slice(0, at)
  }
  return bytes
}

/** Reads and places files against a corpus of one document; any error must be an ImportError. */
async function importOrTypedError(files: { name: string; data: Uint8Array }[], corpusText: string) {
  try {
    const placement = await placeImported(readImport(files), {
      corpusIds: ['doc.txt'],
      labels: LABELS,
      readDoc: (id) =>
        Promise.resolve(id === 'doc.txt' ? { text: corpusText, sha256: sha256Hex(corpusText) } : undefined),
      author: 'me',
      now: META.exportedAt,
      newId: () => 'id'
    })
    const points = Array.from(corpusText)
    for (const span of placement.spans) {
      expect(span.start).toBeGreaterThanOrEqual(0)
      expect(span.start).toBeLessThan(span.end)
      expect(span.text).toBe(points.slice(span.start, span.end).join(''))
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    expect(error.message).toMatch(/\S/)
  }
}

describe('import parsers on random and damaged input', () => {
  it('every export reads back to the same spans', () => {
    fc.assert(
      fc.property(exportDoc, fc.constantFrom(...IMPORTABLE), (doc, format) => {
        const imported = readImport(exportedFiles(format, doc))
        const spans = imported.docs.flatMap((d) => d.spans)
        const key = (s: { start: number; end: number; label: string }): string =>
          `${s.start}:${s.end}:${s.label}`
        expect(spans.map(key).sort()).toEqual(doc.spans.map(key).sort())
      }),
      { numRuns: RUNS }
    )
  })

  it('damaged exports either import with in-range spans or fail with a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        exportDoc,
        fc.constantFrom(...IMPORTABLE),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (doc, format, damage) => {
          const files = exportedFiles(format, doc).map((f) => ({ ...f, data: mutate(f.data, damage) }))
          await importOrTypedError(files, doc.text)
        }
      ),
      { numRuns: RUNS }
    )
  })

  it('random bytes and random JSON under any import name fail with a typed error or import cleanly', async () => {
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
      fc
        .array(fc.jsonValue(), { maxLength: 4 })
        .map((lines) => new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n')))
    )
    const name = fc.constantFrom('x.json', 'x.jsonl', 'x.jsonld', 'x.zip', 'x.ann', 'x.txt', 'x')
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name, data: content }), { minLength: 1, maxLength: 3 }),
        (files) => importOrTypedError(files, 'Pompeo met Kim 👋 in Pyongyang.')
      ),
      { numRuns: RUNS }
    )
  })
})
