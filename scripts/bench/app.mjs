// Drives the built browser shell in Debian's Chromium for the benchmark.
import { chromium } from '@playwright/test'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs'

/** Starts the browser shell on `corpus` and a fresh Chromium profile; returns the page and a stop function. */
export async function openApp(root, corpus) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'out/main/serve.js'), `--corpus=${corpus}`, '--port=0'],
    {
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (\S+)/.exec(line)
      if (match) resolve(match[1])
    })
  })
  const profile = mkdtempSync(path.join(tmpdir(), 'spanmark-bench-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 }
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(15 * 60_000)
  await page.goto(url)
  const stop = async () => {
    await context.close().catch(() => undefined)
    child.kill()
    rmSync(profile, { recursive: true, force: true })
  }
  return { page, url, stop }
}

/** Milliseconds from clicking Import to the result, for a file into my annotations or a layer. */
export async function timeImport(page, file, layer) {
  await page.getByTestId('import-button').click()
  await page.getByTestId('import-file').setInputFiles(file)
  if (layer) {
    await page.getByTestId('import-target').selectOption('layer')
    await page.getByTestId('import-layer-name').fill(layer)
  }
  const confirm = page.getByTestId('import-confirm')
  await confirm.waitFor()
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="import-confirm"]')?.hasAttribute('disabled')
  )
  const started = Date.now()
  await confirm.click()
  await page.getByTestId('import-result').or(page.getByTestId('import-error')).waitFor()
  const elapsed = Date.now() - started
  const error = await page.getByTestId('import-error').count()
  if (error) throw new Error(await page.getByTestId('import-error').innerText())
  await page.getByRole('button', { name: 'Close', exact: true }).click()
  return elapsed
}

/** Milliseconds from clicking Export to the download arriving. */
export async function timeExport(page, format) {
  await page.getByTestId('export-button').click()
  await page.getByTestId('export-format').selectOption(format)
  const started = Date.now()
  const downloading = page.waitForEvent('download', { timeout: 15 * 60_000 })
  await page.getByTestId('export-confirm').click()
  const download = await downloading
  await download.path()
  const elapsed = Date.now() - started
  await page.getByRole('button', { name: 'Close', exact: true }).click()
  return elapsed
}

/**
 * The floor for an import: the same spans in the same records as the app stores them (buckets of 256
 * spans per document, src/renderer/src/lib/buckets.ts), put raw into IndexedDB in one transaction.
 */
export function timeRawPut(page, count, docs = 100) {
  return page.evaluate(
    async ({ count, docs, size }) => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(`bench-floor-${count}`, 1)
        open.onupgradeneeded = () => open.result.createObjectStore('spanBuckets')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const span = (i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        docId: `doc${i % docs}.txt`,
        start: i,
        end: i + 10,
        label: 'claim',
        text: 'some text!',
        author: 'bench',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        prefix: 'p'.repeat(32),
        suffix: 's'.repeat(32)
      })
      const perDoc = Math.ceil(count / docs)
      const records = []
      for (let d = 0, i = 0; d < docs; d++)
        for (let b = 0; b * size < perDoc && i < count; b++) {
          const spans = []
          for (let k = 0; k < size && b * size + k < perDoc && i < count; k++) spans.push(span(i++))
          records.push([
            { corpus: '/bench', layer: '', docId: `doc${d}.txt`, bucket: b, spans },
            ['/bench', '', `doc${d}.txt`, b]
          ])
        }
      const started = performance.now()
      const tx = db.transaction('spanBuckets', 'readwrite', { durability: 'strict' })
      const store = tx.objectStore('spanBuckets')
      for (const [record, key] of records) store.put(record, key)
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve
        tx.onerror = () => reject(tx.error)
      })
      db.close()
      return performance.now() - started
    },
    { count, docs, size: 256 }
  )
}
