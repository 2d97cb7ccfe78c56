import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LABELS, type Span } from '../spans'
import { RUNS, text } from '../test-fuzz'
import { exportAs, exportBytes, ImportError, readImport } from './index'
import { bytesOf, EXPORT_FORMATS, type ExportDoc } from './model'
import { docMatcher, placeImported } from './place'
import { sha256Hex } from './test-hash'

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
  return [{ name: file.name, data: exportBytes(file) }]
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
      matchId: docMatcher(['doc.txt']),
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
    // Its inputs are random: on two cores, runs took from 0.6 s to over 5 s, the default limit.
  }, 30_000)

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

describe('bytesOf', () => {
  it('is the UTF-8 of the parts joined, whatever the text (lone surrogates as U+FFFD) and bytes', () => {
    const part = fc.oneof(fc.string({ unit: 'binary' }), text, fc.uint8Array({ maxLength: 20 }))
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const expected = parts.flatMap((p) => [...(typeof p === 'string' ? new TextEncoder().encode(p) : p)])
        expect([...bytesOf(parts)]).toEqual(expected)
      }),
      { numRuns: RUNS }
    )
  })

  it('grows past its first guess when the text takes more than a byte per unit', () => {
    const parts = ['plain ', '語'.repeat(50_000), new Uint8Array([1, 2, 3]), '👩‍👩‍👧\u0301'.repeat(10_000), 'end']
    const expected = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)))
    const bytes = bytesOf(parts)
    expect(bytes.byteLength).toBe(expected.byteLength)
    expect(Buffer.from(bytes).equals(expected)).toBe(true)
  })
})
