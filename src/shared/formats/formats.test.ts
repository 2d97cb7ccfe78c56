import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from './test-hash'
import { DEFAULT_LABELS, type Span } from '../spans'
import { bratFragments, toBratAnn } from './brat'
import { exportAs, exportBytes, ImportError, readImport } from './index'
import type { ExportDoc } from './model'
import { docMatcher, placeImported } from './place'
import { parseSpanmark } from './spanmark-import'

const TEXT = 'Kim 👋 said:\r\n"We agree" 🇯🇵.\nשלום 中文 e\u0301.'
const points = Array.from(TEXT)
const at = (part: string): { start: number; end: number } => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(part))).length
  return { start, end: start + Array.from(part).length }
}
const span = (id: string, part: string, label: string, note?: string): Span => ({
  id,
  docId: 'doc.txt',
  ...at(part),
  label,
  text: part,
  ...(note ? { note } : {}),
  author: 'ann',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z'
})
const SPANS = [
  span('a', 'Kim 👋 said:\r\n"We agree"', 'claim', 'crosses, a line, "quoted"'),
  span('b', '"We agree" 🇯🇵', 'quote'),
  span('c', 'שלום 中文 e\u0301', 'speculation')
]
const DOC: ExportDoc = { id: 'doc.txt', sha256: sha256Hex(TEXT), text: TEXT, spans: SPANS }
const META = { annotator: 'ann', labels: DEFAULT_LABELS, exportedAt: '2026-11-24T00:00:00.000Z' }
const bytes = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? new TextEncoder().encode(data) : data
const place = async (files: { name: string; data: Uint8Array }[], corpusText = TEXT) =>
  placeImported(readImport(files), {
    matchId: docMatcher(['doc.txt']),
    labels: DEFAULT_LABELS.map((l) => l.name),
    readDoc: (id) =>
      Promise.resolve(id === 'doc.txt' ? { text: corpusText, sha256: sha256Hex(corpusText) } : undefined),
    author: 'me',
    now: '2026-11-24T00:00:00.000Z',
    newId: () => 'new-id'
  })
const offsets = (spans: Span[]) => spans.map((s) => [s.start, s.end, s.label])
const EXPECTED = SPANS.map((s) => [s.start, s.end, s.label])

describe('brat fragments', () => {
  it('splits a span at line breaks, CRLF included', () => {
    const { start, end } = at('Kim 👋 said:\r\n"We agree"')
    expect(bratFragments(TEXT, start, end)).toEqual([
      [start, start + 11],
      [start + 13, end]
    ])
    expect(toBratAnn(DOC).split('\n')[0]).toBe(
      `T1\tclaim ${start} ${start + 11};${start + 13} ${end}\tKim 👋 said: "We agree"`
    )
  })
})

describe('every format round-trips its spans in code points', () => {
  it.each(['spanmark', 'jsonl', 'brat', 'w3c'] as const)('%s', async (format) => {
    const file = exportAs(format, [DOC], META, 'export')
    const placed = await place([{ name: file.name, data: exportBytes(file) }])
    expect(offsets(placed.spans)).toEqual(EXPECTED)
    expect(placed.unplaced).toEqual([])
    for (const s of placed.spans) expect(points.slice(s.start, s.end).join('')).toBe(s.text)
  })

  it('Spanmark JSON keeps every field and adds quote and context', async () => {
    const file = exportAs('spanmark', [DOC], META, 'export')
    const json = JSON.parse(new TextDecoder().decode(exportBytes(file))) as {
      documents: { spans: Record<string, unknown>[] }[]
    }
    expect(json.documents[0]?.spans[0]).toMatchObject({
      id: 'a',
      note: 'crosses, a line, "quoted"',
      quote: SPANS[0]!.text,
      prefix: ''
    })
    const placed = await place([{ name: file.name, data: exportBytes(file) }])
    placed.spans.forEach((placedSpan, i) => expect(placedSpan).toMatchObject(SPANS[i]!))
  })

  it('Spanmark JSON written a document at a time is the file written at once', () => {
    const other: ExportDoc = { id: 'b.txt', sha256: sha256Hex('Short.'), text: 'Short.', spans: [] }
    for (const docs of [[], [DOC], [DOC, other, DOC]]) {
      const written = new TextDecoder().decode(exportBytes(exportAs('spanmark', docs, META, 'x')))
      const parsed = JSON.parse(written) as { documents: unknown[] }
      expect(written).toBe(JSON.stringify(parsed))
      expect(parsed.documents).toHaveLength(docs.length)
    }
  })

  it('CSV quotes per RFC 4180', () => {
    const csv = new TextDecoder().decode(exportBytes(exportAs('csv', [DOC], META, 'export')))
    expect(csv.split('\r\n')[0]).toBe('doc_id,start,end,label,text,note,author')
    expect(csv).toContain(`"Kim 👋 said:\r\n""We agree""","crosses, a line, ""quoted"""`)
  })

  it('brat exports a zip of .txt and .ann', () => {
    const zip = unzipSync(exportBytes(exportAs('brat', [DOC], META, 'export')))
    expect(Object.keys(zip).sort()).toEqual(['export/doc.ann', 'export/doc.txt'])
    expect(strFromU8(zip['export/doc.txt']!)).toBe(TEXT)
  })
})

describe('import', () => {
  it('reads doccano `entities` and `label` shapes, and UTF-16 offsets that only fit as UTF-16', async () => {
    const end16 = TEXT.length
    const lines = [
      JSON.stringify({
        id: 'doc',
        text: TEXT,
        entities: [{ id: 1, start_offset: end16 - 3, end_offset: end16, label: 'quote' }]
      }),
      JSON.stringify({ id: 'doc.txt', text: TEXT, label: [[0, 3, 'claim']] })
    ].join('\n')
    const placed = await place([{ name: 'x.jsonl', data: bytes(lines) }])
    expect(placed.spans.map((s) => [s.text, s.label])).toEqual([
      ['e\u0301.', 'quote'],
      ['Kim', 'claim']
    ])
    expect(placed.notes).toEqual(['doc: offsets were UTF-16 units; converted to code points.'])
  })

  it('tells JSONL and Spanmark JSON apart by their contents, whatever the file is called', () => {
    const jsonl = [
      JSON.stringify({ id: 'doc', text: TEXT, label: [[0, 3, 'claim']] }),
      '',
      JSON.stringify({ id: 'doc2', text: TEXT, label: [] })
    ].join('\r\n')
    const spanmark = new TextDecoder().decode(exportBytes(exportAs('spanmark', [DOC], META, 'x')))
    for (const name of ['x', 'x.json', 'x.txt']) {
      expect(readImport([{ name, data: bytes(jsonl) }]).format).toBe('jsonl')
      expect(readImport([{ name, data: bytes(`\n\n${jsonl}`) }]).format).toBe('jsonl')
      expect(readImport([{ name, data: bytes(spanmark) }]).format).toBe('spanmark')
      expect(readImport([{ name, data: bytes(`\n${spanmark}\n`) }]).format).toBe('spanmark')
    }
  })

  it('reads Spanmark JSON as its decoded text reads, with a BOM or without, and names its errors the same', () => {
    const json = new TextDecoder().decode(exportBytes(exportAs('spanmark', [DOC], META, 'x')))
    const pretty = JSON.stringify(JSON.parse(json), null, 2)
    for (const text of [json, pretty])
      for (const data of [bytes(text), bytes(`\uFEFF${text}`)])
        expect(readImport([{ name: 'x.json', data }])).toEqual(parseSpanmark(text, 'x.json'))
    // A syntax error after characters outside ASCII, and one such character escaped, which JSON refuses.
    const broken = [`${pretty.trimEnd()} oops`, pretty.replace('"spans": [', '"spans": ["\\é", ')]
    for (const text of broken) {
      let message = ''
      try {
        parseSpanmark(text, 'x.json')
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/^x.json, line \d+: not valid JSON/)
      expect(() => readImport([{ name: 'x.json', data: bytes(text) }])).toThrow(message)
    }
  })

  it('detects UTF-8 byte offsets in brat from the span texts', async () => {
    const start = Buffer.byteLength(TEXT.slice(0, TEXT.indexOf('中文')))
    const ann = `T1\tclaim ${start} ${start + 6}\t中文\n`
    const placed = await place([
      { name: 'doc.ann', data: bytes(ann) },
      { name: 'doc.txt', data: bytes(TEXT) }
    ])
    expect(offsets(placed.spans)).toEqual([[at('中文').start, at('中文').end, 'claim']])
    expect(placed.notes.join()).toContain('UTF-8 bytes')
  })

  it('re-anchors by quote where the corpus text differs, and reports what it cannot place', async () => {
    const file = exportAs('spanmark', [DOC], META, 'export')
    const edited = 'NEW LINE\n' + TEXT.replace('שלום', 'Shalom')
    const placed = await place([{ name: file.name, data: exportBytes(file) }], edited)
    expect(placed.spans.map((s) => s.id)).toEqual(['a', 'b'])
    expect(placed.spans[0]?.start).toBe(9)
    expect(placed.unplaced).toHaveLength(1)
    expect(placed.unplaced[0]).toContain('speculation')
  })

  it.each([
    [
      'bad.jsonl',
      '{"id": "doc", "text": "abc", "label": []}\n{"id": oops}\n',
      /bad.jsonl, line 2: not valid JSON/
    ],
    [
      'range.jsonl',
      '{"id": "doc.txt", "text": "abc", "label": [[0, 9, "claim"]]}\n',
      /line 1: offsets out of range/
    ],
    [
      'back.jsonl',
      '{"id": "doc.txt", "text": "abc", "label": [[2, 1, "claim"]]}\n',
      /line 1: a span ends \(1\) before it starts/
    ],
    [
      'label.jsonl',
      '{"id": "doc.txt", "text": "abc", "label": [[0, 1, "rumour"]]}\n',
      /line 1: unknown label "rumour"/
    ],
    ['empty.json', '', /empty.json: the file is empty/],
    [
      'shape.json',
      '{"format": "spanmark", "version": 1, "documents": [{"id": "d", "text": "x", "spans": [{"id": "s", "start": -1, "end": 1, "label": "claim", "text": "x"}]}]}',
      /documents.0.spans.0.start/
    ],
    [
      'position.json',
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'AnnotationCollection',
        first: {
          items: [
            {
              body: [{ purpose: 'tagging', value: 'claim' }],
              target: { source: 'doc.txt', selector: [{ type: 'TextPositionSelector', start: 'x', end: 1 }] }
            }
          ]
        }
      }),
      /position.json: expected number at first.items.0.target.selector.0.start/
    ],
    ['bin.json', new Uint8Array([0xff, 0xfe, 0x00]), /not UTF-8/]
  ])('refuses %s with the file and line', async (name, content, message) => {
    await expect(place([{ name, data: bytes(content) }])).rejects.toThrow(message)
    await expect(place([{ name, data: bytes(content) }])).rejects.toBeInstanceOf(ImportError)
  })

  it('reads a file that holds U+FFFD itself, and refuses one byte of bad UTF-8 after it', async () => {
    const text = 'a \uFFFD b'
    const line = JSON.stringify({ id: 'doc.txt', text, label: [[2, 3, 'claim']] }) + '\n'
    const placed = await place([{ name: 'odd.jsonl', data: bytes(line) }], text)
    expect(placed.spans.map((s) => s.text)).toEqual(['\uFFFD'])
    const bad = new Uint8Array([...bytes(line), 0xc3])
    expect(() => readImport([{ name: 'bad.jsonl', data: bad }])).toThrow('bad.jsonl: not UTF-8 text')
  })

  it('refuses an import over 400 MB before reading it', () => {
    expect(() => readImport([{ name: 'huge.jsonl', data: new Uint8Array(400 * 1024 * 1024 + 1) }])).toThrow(
      /over the 400 MB/
    )
  })
})
