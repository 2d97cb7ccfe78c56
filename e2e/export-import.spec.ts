import { execFileSync } from 'node:child_process'
import { rm, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { makeCorpus } from './corpora'
import { expect, test, type App } from './fixtures'
import { largeCorpus, python, sorted } from './large-corpus'
import { storedSpanRecords } from './storage'
import { codePointRange, selectCodePoints } from './text'
import { exportFile, importFile } from './transfer-steps'

const DOCS = {
  'mixed.txt': 'Kim 👋 said:\r\n"We agree on 🇯🇵 talks," e\u0301te\u0301 café.\r\nשלום עולם 中文字符 👩‍👩‍👧 end.',
  'plain.txt': 'Pompeo may return in November.\nOfficials declined to comment.'
}

/** [docId, text, label, note?] — made through the UI, overlapping and across a CRLF. */
const SPANS: [keyof typeof DOCS, string, string, string?][] = [
  ['mixed.txt', 'Kim 👋 said:\r\n"We agree on 🇯🇵 talks,"', '1', 'spans, a "line" break'],
  ['mixed.txt', '"We agree on 🇯🇵 talks,"', '2'],
  ['mixed.txt', 'e\u0301te\u0301 café', '3'],
  ['mixed.txt', 'שלום עולם 中文字符 👩‍👩‍👧', '1'],
  ['plain.txt', 'Pompeo may return in November.', '3']
]
const LABELS: Record<string, string> = { '1': 'claim', '2': 'quote', '3': 'speculation' }

const expected = (): (string | number)[][] =>
  SPANS.map(([doc, part, key, note]) => {
    const { start, end } = codePointRange(DOCS[doc], part)
    return [doc, start, end, LABELS[key]!, part, note ?? '']
  }).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))

async function annotate(page: Page): Promise<void> {
  for (const [doc, part, key, note] of SPANS) {
    await page.locator(`[data-doc-id="${doc}"] button`).click()
    await expect(page.getByTestId('doc-text')).toContainText(DOCS[doc].slice(0, 10))
    const { start, end } = codePointRange(DOCS[doc], part)
    await selectCodePoints(page, start, end)
    await page.keyboard.press(key)
    if (note) {
      await page.getByTestId('span-note').fill(note)
      await page.getByTestId('span-note').blur()
    }
  }
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
}

/** Exports my five spans in `format` through the dialog into `dir`. */
const exportMine = (app: App, format: string, dir: string): Promise<string> =>
  exportFile(app, format, dir, 'Exported 5 spans in 2 documents')

test('every export format reads back in Python with text[start:end] == span text', async ({ launch }) => {
  test.setTimeout(120_000)
  const corpus = await makeCorpus(DOCS)
  const out = await makeCorpus({})
  const app = await launch({ corpus })
  const { page } = app
  await annotate(page)
  for (const format of ['spanmark', 'jsonl', 'brat', 'csv', 'w3c']) {
    const file = await exportMine(app, format, out)
    const spans = python(format, file, corpus) as (string | number)[][]
    const withNotes = format === 'jsonl' ? expected().map((row) => [...row.slice(0, 5), '']) : expected()
    expect(spans, format).toEqual(withNotes)
  }
})

test('round trip: export Spanmark JSON, delete everything, import, export again: identical', async ({
  launch
}) => {
  const corpus = await makeCorpus(DOCS)
  const out = await makeCorpus({})
  const app = await launch({ corpus })
  const { page } = app
  await annotate(page)
  const first = await exportMine(app, 'spanmark', out)

  await page.getByTestId('import-button').click()
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByTestId('clear-mine').click()
  await expect(page.getByTestId('import-result')).toHaveText('Deleted 5 spans.')
  await expect(page.getByTestId('span')).toHaveCount(0)
  await app.chooseImport(first)
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-result')).toContainText(
    'Imported 5 spans (spanmark) into my annotations'
  )
  await page.getByRole('button', { name: 'Close', exact: true }).click()
  await expect(page.getByTestId('span')).toHaveCount(1)

  const second = await exportMine(app, 'spanmark', path.join(out, 'again'))
  const strip = (file: string): unknown => {
    const data = JSON.parse(execFileSync('cat', [file], { encoding: 'utf8' })) as Record<string, unknown>
    delete data['exportedAt']
    return data
  }
  expect(strip(second)).toEqual(strip(first))

  // Imported again, beside a span made since: each imported span replaces the stored one with its
  // id, none is doubled, and the new span stays.
  await selectCodePoints(page, 0, 3)
  await page.keyboard.press('2')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  const before = await storedSpanRecords(page)
  expect(before).toHaveLength(6)
  await page.getByTestId('import-button').click()
  await app.chooseImport(first)
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-result')).toContainText(
    'Imported 5 spans (spanmark) into my annotations'
  )
  const key = (s: { id: string; docId: string; start: number; end: number; label: string }): string =>
    [s.id, s.docId, s.start, s.end, s.label].join(' ')
  expect((await storedSpanRecords(page)).map(key).sort()).toEqual(before.map(key).sort())
})

test('malformed imports get an error naming the file and line, and change nothing stored', async ({
  launch
}) => {
  const corpus = await makeCorpus(DOCS)
  const files = await makeCorpus({
    'broken.jsonl': '{"id": "plain.txt", "text": "x", "label": []}\n{"id": "plain.txt", oops}\n',
    'range.jsonl': `${JSON.stringify({ id: 'plain.txt', text: DOCS['plain.txt'], label: [[0, 999, 'claim']] })}\n`,
    'backwards.jsonl': `${JSON.stringify({ id: 'plain.txt', text: DOCS['plain.txt'], label: [[5, 2, 'claim']] })}\n`,
    'label.jsonl': `${JSON.stringify({ id: 'plain.txt', text: DOCS['plain.txt'], label: [[0, 6, 'rumour']] })}\n`,
    'empty.json': '',
    'shape.json': JSON.stringify({
      format: 'spanmark',
      version: 1,
      documents: [
        { id: 'plain.txt', text: 'x', spans: [{ id: 's', start: -1, end: 1, label: 'claim', text: 'x' }] }
      ]
    })
  })
  // Sparse: 500 MB on the file's size, none on the disk.
  await writeFile(path.join(files, 'huge.jsonl'), '')
  await truncate(path.join(files, 'huge.jsonl'), 500 * 1024 * 1024)
  const app = await launch({ corpus })
  const { page } = app
  await selectCodePoints(page, 0, 3)
  await page.keyboard.press('1')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  const stored = async (): Promise<number> => (await storedSpanRecords(page)).length
  expect(await stored()).toBe(1)

  await page.getByTestId('import-button').click()
  for (const [name, message] of [
    ['broken.jsonl', 'broken.jsonl, line 2: not valid JSON'],
    ['range.jsonl', 'range.jsonl, line 1: offsets out of range'],
    ['backwards.jsonl', 'backwards.jsonl, line 1: a span ends (2) before it starts (5)'],
    ['label.jsonl', 'label.jsonl, line 1: unknown label "rumour"'],
    ['empty.json', 'empty.json: the file is empty'],
    ['shape.json', 'shape.json: expected a whole number from 0 up at documents.0.spans.0.start'],
    ['huge.jsonl', 'huge.jsonl: 500 MB is over the 400 MB import limit']
  ]) {
    await app.chooseImport(path.join(files, name!))
    // An import over the limit is refused as soon as it is chosen, before it is read.
    if (name !== 'huge.jsonl') await page.getByTestId('import-confirm').click()
    await expect(page.getByTestId('import-error')).toContainText(message!)
    expect(await stored()).toBe(1)
  }
})

test('a chosen file that is removed before the import runs gets an error, and nothing is stored', async ({
  launch,
  shell
}) => {
  test.skip(
    shell === 'electron',
    'the desktop app reads a file as it is chosen, so removing it later changes nothing'
  )
  const corpus = await makeCorpus(DOCS)
  const files = await makeCorpus({
    'gone.jsonl': `${JSON.stringify({ id: 'plain.txt', text: DOCS['plain.txt'], label: [[0, 6, 'claim']] })}\n`
  })
  const app = await launch({ corpus })
  const { page } = app
  await page.getByTestId('import-button').click()
  await app.chooseImport(path.join(files, 'gone.jsonl'))
  await rm(path.join(files, 'gone.jsonl'))
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-error')).toHaveText(
    'gone.jsonl: could not be read: it changed or was removed after it was chosen'
  )
  expect(await storedSpanRecords(page)).toEqual([])
})

test('a colleague export imports into a named layer, apart from my spans; brat UTF-8 offsets are converted', async ({
  launch
}) => {
  const corpus = await makeCorpus(DOCS)
  const text = DOCS['mixed.txt']
  const at = text.indexOf('中文字符')
  const byteStart = Buffer.byteLength(text.slice(0, at))
  const files = await makeCorpus({
    'mixed.ann': `T1\tclaim ${byteStart} ${byteStart + 12}\t中文字符\n`,
    'mixed.txt': text
  })
  const app = await launch({ corpus })
  const { page } = app
  await expect(page.getByTestId('doc-text')).toContainText('Kim')
  await page.getByTestId('import-button').click()
  await app.chooseImport([path.join(files, 'mixed.ann'), path.join(files, 'mixed.txt')])
  await page.getByTestId('import-target').selectOption('layer')
  await page.getByTestId('import-layer-name').fill('colleague')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-result')).toContainText(
    'Imported 1 spans (brat) into layer "colleague"'
  )
  await expect(page.getByTestId('import-report')).toContainText(
    'offsets were UTF-8 bytes; converted to code points'
  )
  await page.getByRole('button', { name: 'Close', exact: true }).click()
  await expect(page.getByTestId('span')).toHaveCount(0)
  const layer = await storedSpanRecords(page, 'colleague')
  const { start, end } = codePointRange(text, '中文字符')
  expect(layer).toEqual([
    expect.objectContaining({ layer: 'colleague', docId: 'mixed.txt', start, end, text: '中文字符' })
  ])
})

test('a large import and export run on background workers; the export reads back in Python span for span', async ({
  launch
}) => {
  test.setTimeout(180_000)
  const { corpus, file, rows } = await largeCorpus()
  const out = await makeCorpus({})
  const app = await launch({ corpus })
  const workers: string[] = []
  app.page.on('worker', (worker) => workers.push(worker.url()))
  await importFile(app, file, 'Imported 60000 spans (jsonl)')
  // The import was read, checked and stored by a worker, off the page.
  expect(workers.map((url) => /(\w+)-worker/.exec(url)?.[1])).toEqual(['import'])
  for (const format of ['spanmark', 'jsonl']) {
    const file = await exportFile(app, format, out, 'Exported 60000 spans in 6 documents')
    expect(sorted(python(format, file, corpus) as (string | number)[][]), format).toEqual(sorted(rows))
  }
  expect(workers.length).toBeGreaterThanOrEqual(3)
  expect(workers.slice(1).every((url) => url.includes('export-worker'))).toBe(true)
})
