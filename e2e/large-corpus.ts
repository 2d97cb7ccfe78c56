import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { makeCorpus } from './corpora'

/** An export read back by Python (check_export.py): each span as [doc, start, end, label, text, note]. */
export const python = (format: string, file: string, corpus: string): unknown =>
  JSON.parse(
    execFileSync('python3', [path.join(__dirname, 'check_export.py'), format, file, corpus], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024
    })
  )

/** Six documents of astral and combining text, 10,000 spans each (past the size written on the page), as JSONL. */
export async function largeCorpus(): Promise<{ corpus: string; file: string; rows: (string | number)[][] }> {
  const line = 'Kim 👋 said "we agree" on 🇯🇵 talks, e\u0301te\u0301 café; שלום 中文字符.\n'
  const docs = Object.fromEntries(Array.from({ length: 6 }, (_, d) => [`r${d}.txt`, line.repeat(200 + d)]))
  const labels = ['claim', 'quote', 'speculation']
  const rows: (string | number)[][] = []
  const jsonl = Object.entries(docs).map(([id, text], d) => {
    const length = Array.from(text).length
    const label = Array.from({ length: 10_000 }, (_, i) => {
      const start = (i * 7919 + d) % (length - 40)
      const span: [number, number, string] = [start, start + 1 + ((i * 31) % 39), labels[i % 3]!]
      rows.push([id, span[0], span[1], span[2], Array.from(text).slice(span[0], span[1]).join(''), ''])
      return span
    })
    return JSON.stringify({ id, text, label })
  })
  const corpus = await makeCorpus(docs)
  const files = await makeCorpus({ 'big.jsonl': jsonl.join('\n') + '\n' })
  return { corpus, file: path.join(files, 'big.jsonl'), rows }
}

export const sorted = (list: (string | number)[][]): (string | number)[][] =>
  list
    .map((r) => JSON.stringify(r))
    .sort()
    .map((r) => JSON.parse(r) as (string | number)[])
