// Deterministic benchmark data, generated from the sample corpus with a seeded PRNG.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** mulberry32: a small seeded PRNG, so every run measures the same data. */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const LABELS = ['claim', 'quote', 'speculation']

export function sampleTexts(root) {
  const dir = path.join(root, 'resources/pompeo-kim-2018')
  return readdirSync(dir)
    .sort()
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
}

/** One long document of about `bytes` UTF-8 bytes, with an emoji line between reports. */
export function bigText(texts, bytes) {
  const parts = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const part = `${texts[i % texts.length]}\n\n🇯🇵 ${i} 👩‍👩‍👧 e\u0301\n\n`
    parts.push(part)
    size += Buffer.byteLength(part)
  }
  return parts.join('')
}

/** `count` spans over a text, 3 to 80 code points long, at random places (so some overlap). */
export function randomSpans(text, count, rng) {
  const length = Array.from(text).length
  const spans = []
  for (let i = 0; i < count; i++) {
    const span = 3 + Math.floor(rng() * 78)
    const start = Math.floor(rng() * Math.max(1, length - span))
    spans.push([start, start + span, LABELS[Math.floor(rng() * LABELS.length)]])
  }
  return spans.sort((a, b) => a[0] - b[0] || a[1] - b[1])
}

/** doccano JSONL of documents and their spans. */
export const toJsonl = (docs) =>
  docs.map((d) => JSON.stringify({ id: d.id, text: d.text, label: d.spans })).join('\n') + '\n'

/**
 * Version 4 UUIDs drawn from `rng`: random as the app's own ids are, and the same in every run. Ids
 * counted up instead are far easier for Chromium to compress as it stores them, so a file of those
 * imported faster than any file the app exports.
 */
export function seededUuids(rng) {
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('')
  const variant = () => '89ab'[Math.floor(rng() * 4)]
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-${variant()}${hex(3)}-${hex(12)}`
}

/** The documents of a Spanmark JSON file: each span with its id, text, author and times. */
export function spanmarkDocs(docs) {
  const now = '2026-01-01T00:00:00.000Z'
  const newId = seededUuids(prng(docs.length))
  return docs.map((d) => {
    const points = Array.from(d.text)
    return {
      id: d.id,
      text: d.text,
      spans: d.spans.map(([start, end, label]) => ({
        id: newId(),
        start,
        end,
        label,
        text: points.slice(start, end).join(''),
        author: 'bench',
        createdAt: now,
        updatedAt: now
      }))
    }
  })
}

/**
 * The documents as Spanmark's export writes them: each span also with its quote and 32 code points of
 * context each side, each document with its SHA-256 (here a stand-in of the same length).
 */
export function spanmarkExportDocs(docs) {
  return spanmarkDocs(docs).map((doc) => {
    const points = Array.from(doc.text)
    return {
      id: doc.id,
      sha256: '0'.repeat(64),
      text: doc.text,
      spans: doc.spans.map((s) => ({
        ...s,
        note: null,
        quote: s.text,
        prefix: points.slice(Math.max(0, s.start - 32), s.start).join(''),
        suffix: points.slice(s.end, s.end + 32).join('')
      }))
    }
  })
}

/** Spanmark JSON of documents and their spans. */
export const toSpanmark = (docs) =>
  JSON.stringify({ format: 'spanmark', version: 1, annotator: 'bench', documents: spanmarkDocs(docs) })
