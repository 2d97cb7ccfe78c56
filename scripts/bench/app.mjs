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

/**
 * Milliseconds, on the page's clock, from the first click or key press that `act` makes until an
 * element matching `selector` that was not on the page before is in it, seen by a MutationObserver as
 * the app inserts it or sets its attributes. One already there does not count: the import dialog,
 * opened again, still shows the last import's result until the next import starts and replaces it
 * with a new element. Waiting for it with Playwright alone would count its polling too: a locator is
 * looked for again after 20, 50, 100 and 100 ms, then every 500 ms, so anything taking longer than
 * about 270 ms would be rounded up by as much as half a second.
 */
export async function timeUntil(page, selector, act) {
  await page.evaluate((selector) => {
    const before = new Set(document.querySelectorAll(selector))
    const fresh = () => [...document.querySelectorAll(selector)].some((element) => !before.has(element))
    const watch = {}
    watch.started = new Promise((resolve) => {
      const start = () => resolve(performance.now())
      for (const type of ['click', 'keydown'])
        document.addEventListener(type, start, { capture: true, once: true })
    })
    watch.found = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!fresh()) return
        observer.disconnect()
        resolve(performance.now())
      })
      observer.observe(document, { childList: true, subtree: true, attributes: true })
    })
    window.__until = watch
  }, selector)
  await act()
  return page.evaluate(async () => {
    const { started, found } = window.__until
    return Math.round((await found) - (await started))
  })
}

/**
 * Milliseconds from clicking Import to the result, for a file into my annotations or a layer, and how
 * long the import spent in each of its steps as the dialog names them (reading, placing, storing):
 * each step from when the dialog shows it until the next is shown or the result is, the first from
 * the click. The steps add up to the whole.
 */
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
  await page.evaluate(() => {
    const shown = []
    const observer = new MutationObserver(() => {
      const progress = document.querySelector('[data-testid="import-progress"]')?.textContent ?? ''
      const step = /Importing: (\w+)/.exec(progress)?.[1]
      if (step && shown.at(-1)?.step !== step) shown.push({ step, at: performance.now() })
    })
    observer.observe(document, { childList: true, subtree: true, characterData: true })
    window.__importSteps = { shown, observer }
  })
  const elapsed = await timeUntil(page, '[data-testid="import-result"], [data-testid="import-error"]', () =>
    confirm.click()
  )
  const steps = await page.evaluate(async () => {
    const { shown, observer } = window.__importSteps
    observer.disconnect()
    const [started, found] = await Promise.all([window.__until.started, window.__until.found])
    const ends = [...shown.slice(1).map((s) => s.at), found]
    return Object.fromEntries(
      shown.map(({ step }, i) => [step, Math.round(ends[i] - (i === 0 ? started : shown[i].at))])
    )
  })
  const error = await page.getByTestId('import-error').count()
  if (error) throw new Error(await page.getByTestId('import-error').innerText())
  await page.getByRole('button', { name: 'Close', exact: true }).click()
  return { elapsed, steps }
}

/**
 * Starts watching the page's frames; the function it returns stops and gives the longest animation
 * frame since (a task and the rendering after it), in ms, or 0 if none took over 50 ms (Chromium
 * reports only those): the longest the window could not be drawn. Reported frames are watched, not
 * asked for: a requestAnimationFrame loop would make the page draw 60 times a second throughout,
 * work the app does not otherwise do, on the same two cores the import runs on.
 */
export async function watchFrames(page) {
  await page.evaluate(() => {
    const watch = { longest: 0 }
    watch.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) watch.longest = Math.max(watch.longest, entry.duration)
    })
    watch.observer.observe({ type: 'long-animation-frame' })
    window.__frames = watch
  })
  return () =>
    page.evaluate(() => {
      const watch = window.__frames
      for (const entry of watch.observer.takeRecords())
        watch.longest = Math.max(watch.longest, entry.duration)
      watch.observer.disconnect()
      return Math.round(watch.longest)
    })
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
 * The floor for an import: the records the app stored (both records of each span bucket, read back
 * raw), put raw into a fresh IndexedDB database in one transaction, as durably as the app writes them.
 */
export function timeRawPut(page) {
  return page.evaluate(async () => {
    const STORES = ['spanBuckets', 'spanTexts']
    const done = (request) =>
      new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
    const app = await done(indexedDB.open('spanmark'))
    const read = app.transaction(STORES)
    const stored = await Promise.all(
      STORES.map(async (name) => {
        const store = read.objectStore(name)
        const [records, keys] = await Promise.all([done(store.getAll()), done(store.getAllKeys())])
        return { name, records, keys }
      })
    )
    app.close()
    const name = `bench-floor-${stored[0].records.length}-${Date.now()}`
    const opening = indexedDB.open(name, 1)
    opening.onupgradeneeded = () => STORES.forEach((store) => opening.result.createObjectStore(store))
    const db = await done(opening)
    const started = performance.now()
    const tx = db.transaction(STORES, 'readwrite', { durability: 'strict' })
    for (const { name, records, keys } of stored) {
      const store = tx.objectStore(name)
      records.forEach((record, i) => store.put(record, keys[i]))
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    const elapsed = performance.now() - started
    db.close()
    // Gone before the next figure, so that storage tidying it up does not slow the app's export down.
    await done(indexedDB.deleteDatabase(name))
    return elapsed
  })
}
