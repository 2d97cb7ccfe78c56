// `npm run bench [-- --quick]`: Spanmark's speed at three sizes per figure, beside a floor where one exists.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openApp, timeExport, timeImport, timeRawPut, timeUntil, watchFrames } from './app.mjs'
import { bigText, prng, randomSpans, sampleTexts, spanmarkExportDocs, toJsonl, toSpanmark } from './data.mjs'
import { heapMb, scrollSlowFrames, timeCreateSpans, timeFrameWaits, timeOpenDoc } from './page-probes.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const QUICK = process.argv.includes('--quick')
const SIZES = QUICK
  ? {
      docBytes: 200_000,
      docSpans: [200, 1_000, 2_000],
      corpus: [50, 200, 500],
      transfer: [1_000, 3_000, 10_000],
      layers: [500, 1_000, 2_000],
      creations: 30
    }
  : {
      docBytes: 2_000_000,
      docSpans: [1_000, 5_000, 20_000],
      corpus: [100, 1_000, 10_000],
      transfer: [10_000, 100_000, 1_000_000],
      layers: [1_000, 10_000, 100_000],
      creations: 200
    }

const texts = sampleTexts(ROOT)
const work = mkdtempSync(path.join(tmpdir(), 'spanmark-bench-data-'))
const results = []

/** Prints a figure's JSON line; `runs`, the values it is the median of, goes to the table only. */
function report(figure, size, value, unit, floor = null, runs = []) {
  const line = {
    figure,
    size,
    value: Number(value.toFixed(unit === 'share' ? 4 : 1)),
    unit,
    floor: floor === null ? null : Number(floor.toFixed(1))
  }
  results.push({ ...line, runs })
  console.log(JSON.stringify(line))
}

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length - 1) * p))]
const median = (values) => percentile(values, 0.5)

/**
 * Each transfer figure (and its floor) is the median of this many runs, each import in a fresh
 * profile: one run of a million spans here can differ from the next by a fifth or more.
 */
const TRANSFER_RUNS = 3

function corpusDir(name, docs) {
  const dir = path.join(work, name)
  mkdirSync(dir, { recursive: true })
  for (const doc of docs) writeFileSync(path.join(dir, doc.id), doc.text)
  return dir
}

async function bigDocument(spanCount, last) {
  const text = bigText(texts, SIZES.docBytes)
  const spans = randomSpans(text, spanCount, prng(spanCount))
  const corpus = corpusDir(`big-${spanCount}`, [
    { id: 'a-small.txt', text: texts[0] },
    { id: 'big.txt', text }
  ])
  const file = path.join(work, `big-${spanCount}.jsonl`)
  writeFileSync(file, toJsonl([{ id: 'big.txt', text, spans }]))
  const app = await openApp(ROOT, corpus)
  try {
    await app.page.getByTestId('doc-text').waitFor()
    await timeImport(app.page, file)
    await app.page.reload()
    await app.page.getByTestId('doc-text').waitFor()
    report('open_big_doc_ms', spanCount, await timeOpenDoc(app.page, 'big.txt'), 'ms')
    if (last) report('heap_mb', spanCount, await heapMb(app.page), 'MB')
    const times = await timeCreateSpans(app.page, SIZES.creations)
    const waits = await timeFrameWaits(app.page, SIZES.creations)
    report('create_span_median_ms', spanCount, percentile(times, 0.5), 'ms', percentile(waits, 0.5))
    report('create_span_p95_ms', spanCount, percentile(times, 0.95), 'ms', percentile(waits, 0.95))
    report('scroll_slow_frames_share', spanCount, (await scrollSlowFrames(app.page)).share, 'share')
    const selected = await scrollSlowFrames(app.page, { selected: true })
    report('scroll_selected_slow_frames_share', spanCount, selected.share, 'share')
  } finally {
    await app.stop()
  }
}

async function corpusList(count) {
  const docs = Array.from({ length: count }, (_, i) => ({
    id: `doc${String(i).padStart(5, '0')}.txt`,
    text: texts[i % texts.length]
  }))
  const corpus = corpusDir(`corpus-${count}`, docs)
  const app = await openApp(ROOT, corpus)
  try {
    await app.page.getByTestId('doc-text').waitFor()
    // From a reload, so the browser's own start-up is not counted.
    const started = Date.now()
    await app.page.reload()
    // The list draws only the rows on screen; it says how many documents it holds.
    await app.page.waitForFunction(
      (n) => document.querySelector('[data-testid="doc-total"]')?.textContent?.trim() === `${n} documents`,
      count
    )
    await app.page.locator('[data-testid="doc-item"]').first().waitFor()
    await app.page.getByTestId('doc-text').waitFor()
    report('list_corpus_ms', count, Date.now() - started, 'ms')
    await app.page.keyboard.press('Control+f')
    await app.page.getByTestId('search-input').fill('Pompeo')
    const searched = await timeUntil(app.page, '[data-testid="search-summary"]', () =>
      app.page.getByTestId('search-input').press('Enter')
    )
    report('search_corpus_ms', count, searched, 'ms')
  } finally {
    await app.stop()
  }
}

/** Documents for `spanCount` spans: the sample reports, 100 of them, spans spread evenly. */
function transferDocs(spanCount, seed) {
  const rng = prng(seed)
  return Array.from({ length: 100 }, (_, i) => {
    const text = texts[i % texts.length]
    return {
      id: `doc${String(i).padStart(3, '0')}.txt`,
      text,
      spans: randomSpans(text, Math.ceil(spanCount / 100), rng)
    }
  })
}

/**
 * A corpus of the transfer documents, opening on a short note: the figures time moving spans in and out,
 * not drawing the first report, which holds 1% of them (10,000 spans on 5 KB at the largest size).
 */
const transferCorpus = (name, docs) =>
  corpusDir(name, [{ id: 'a-note.txt', text: 'Transfer benchmark.' }, ...docs])

/**
 * Flushes written files to disk, untimed, so that one figure's writes still on their way to the disk
 * do not slow the next one down (a 400 MB export write can take seconds to drain).
 */
const settle = () => execFileSync('sync')

async function exportImport(spanCount) {
  const docs = transferDocs(spanCount, spanCount)
  const corpus = transferCorpus(`transfer-${spanCount}`, docs)
  const jsonl = path.join(work, `transfer-${spanCount}.jsonl`)
  const spanmark = path.join(work, `transfer-${spanCount}.spanmark.json`)
  writeFileSync(jsonl, toJsonl(docs))
  writeFileSync(spanmark, toSpanmark(docs))
  const total = docs.reduce((n, d) => n + d.spans.length, 0)
  // The export floors: the data each export writes, made one string by JSON.stringify and written.
  const writeFloor = async (data) => {
    const started = Date.now()
    await writeFile(path.join(work, 'floor.json'), JSON.stringify(data))
    const elapsed = Date.now() - started
    settle()
    return elapsed
  }
  const floorData = {
    jsonl: docs.map((d) => ({ id: d.id, text: d.text, label: d.spans })),
    spanmark: { format: 'spanmark', version: 1, documents: spanmarkExportDocs(docs) }
  }
  // Each run in a fresh profile, so each export holds exactly the spans its import brought.
  for (const [format, file] of [
    ['jsonl', jsonl],
    ['spanmark', spanmark]
  ]) {
    const runs = { imported: [], steps: [], put: [], stalled: [], exported: [], written: [] }
    for (let run = 0; run < TRANSFER_RUNS; run++) {
      runs.written.push(await writeFloor(floorData[format]))
      const app = await openApp(ROOT, corpus)
      try {
        await app.page.getByTestId('doc-text').waitFor()
        settle()
        const frames = await watchFrames(app.page)
        const { elapsed, steps } = await timeImport(app.page, file)
        runs.imported.push(elapsed)
        runs.steps.push(steps)
        runs.stalled.push(await frames())
        runs.put.push(await timeRawPut(app.page))
        settle()
        runs.exported.push(await timeExport(app.page, format))
      } finally {
        await app.stop()
      }
    }
    const { imported, steps, put, stalled, exported, written } = runs
    report(`import_${format}_ms`, total, median(imported), 'ms', median(put), imported)
    // Where the import's time went, step by step as the dialog shows them.
    for (const step of Object.keys(steps[0])) {
      const times = steps.map((s) => s[step] ?? 0)
      report(`import_${format}_${step}_ms`, total, median(times), 'ms', null, times)
    }
    report(`import_${format}_longest_frame_ms`, total, median(stalled), 'ms', null, stalled)
    report(`export_${format}_ms`, total, median(exported), 'ms', median(written), exported)
  }
}

async function agreementFigures(spanCount) {
  const mine = transferDocs(spanCount, 1)
  const theirs = transferDocs(spanCount, 2)
  const corpus = transferCorpus(`agreement-${spanCount}`, mine)
  const mineFile = path.join(work, `mine-${spanCount}.jsonl`)
  const theirFile = path.join(work, `theirs-${spanCount}.jsonl`)
  writeFileSync(mineFile, toJsonl(mine))
  writeFileSync(theirFile, toJsonl(theirs))
  const app = await openApp(ROOT, corpus)
  try {
    await app.page.getByTestId('doc-text').waitFor()
    await timeImport(app.page, mineFile)
    await timeImport(app.page, theirFile, 'colleague')
    const took = await timeUntil(app.page, '[data-testid="agreement"][data-exact-f1]', () =>
      app.page.getByTestId('review-button').click()
    )
    report(
      'agreement_ms',
      mine.reduce((n, d) => n + d.spans.length, 0),
      took,
      'ms'
    )
  } finally {
    await app.stop()
  }
}

/** Groups of figures that failed, each with why: the rest still run, and the bench then fails. */
const failures = []

async function step(name, run) {
  try {
    await run()
  } catch (error) {
    const line = { figure: name, error: error.message.split('\n')[0] }
    failures.push(line)
    console.log(JSON.stringify(line))
  }
}

// `--only=doc,corpus,transfer,agreement` runs some groups of figures.
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)
const wanted = (group) => !ONLY || ONLY.split(',').includes(group)

try {
  if (wanted('doc'))
    for (const [i, n] of SIZES.docSpans.entries())
      await step('big_doc', () => bigDocument(n, i === SIZES.docSpans.length - 1))
  if (wanted('corpus')) for (const n of SIZES.corpus) await step('corpus', () => corpusList(n))
  if (wanted('transfer')) for (const n of SIZES.transfer) await step('transfer', () => exportImport(n))
  if (wanted('agreement')) for (const n of SIZES.layers) await step('agreement', () => agreementFigures(n))
} finally {
  rmSync(work, { recursive: true, force: true })
}

console.log(`\nSpanmark benchmark (${QUICK ? 'quick' : 'full'}), ${new Date().toISOString()}`)
console.log('figure                       size        value   unit   floor  app/floor  runs')
for (const r of results) {
  const ratio = r.floor ? (r.value / r.floor).toFixed(1) : ''
  console.log(
    `${r.figure.padEnd(28)} ${String(r.size).padStart(8)} ${String(r.value).padStart(12)} ${r.unit.padEnd(6)} ${String(r.floor ?? '').padStart(7)} ${ratio.padStart(9)}  ${r.runs.join(' ')}`
  )
}
if (failures.length) {
  console.log(`\n${failures.length} group(s) of figures failed and are missing above:`)
  for (const { figure, error } of failures) console.log(`  ${figure}: ${error}`)
  process.exitCode = 1
}
