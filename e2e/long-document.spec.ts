import path from 'node:path'
import { DRAWN_LANES } from '../src/renderer/src/lib/draw-chunk'
import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
import { importFile } from './transfer-steps'

const LINES = 1_500
const SPANS = 1_200
const line = (i: number): string => `Line ${String(i).padStart(4, '0')} says Pompeo met Kim.\n`
const TEXT = Array.from({ length: LINES }, (_, i) => line(i)).join('')

test('a long document with many spans: both lists draw only what is in view, and a span picked anywhere is shown', async ({
  launch
}) => {
  // One span per line, over "Line NNNN" (ASCII, so code points are string indices).
  const label = Array.from({ length: SPANS }, (_, i) => {
    const start = TEXT.indexOf(line(i))
    return [start, start + 9, 'claim']
  })
  const corpus = await makeCorpus({
    'long.txt': TEXT,
    'long.jsonl': JSON.stringify({ id: 'long.txt', text: TEXT, label }) + '\n'
  })
  const app = await launch({ corpus })
  const { page } = app
  await expect(page.getByTestId('doc-text')).toContainText('Line 0000')
  await importFile(app, path.join(corpus, 'long.jsonl'), `Imported ${SPANS} spans`)

  await expect(page.getByRole('heading', { name: `Spans (${SPANS})` })).toBeVisible()
  const rows = page.getByTestId('span-list').locator('li')
  expect(await rows.count()).toBeLessThan(100)
  expect(await page.getByTestId('span').count()).toBeLessThan(SPANS / 2)

  // The last span, from the list: its row comes into view when the list is scrolled, and picking it
  // scrolls the text to it.
  await page.locator('.span-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight))
  const last = rows.filter({ hasText: `Line ${String(SPANS - 1).padStart(4, '0')}` })
  await last.getByRole('button').click()
  const mark = page.locator('[data-testid="span"].selected')
  await expect(mark).toHaveText(`Line ${SPANS - 1}`)
  await expect(mark).toBeInViewport()
  expect(await rows.count()).toBeLessThan(100)

  // Tab from the first span walks the list with it.
  await page.locator('.span-scroller').evaluate((el) => (el.scrollTop = 0))
  await rows.first().getByRole('button').click()
  await page.getByTestId('doc-text').focus()
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab')
  await expect(page.locator('[data-testid="span"].selected')).toHaveText('Line 0040')
  await expect(page.getByTestId('span-list').locator('button.selected')).toBeInViewport()
  await expect(page.getByTestId('span-list').locator('button.selected')).toContainText('Line 0040')
})

test('a dense passage, every character under dozens of spans: the deep lanes are drawn at their starts, and a deep span once picked along its length', async ({
  launch
}) => {
  const text = 'Pompeo met Kim in Pyongyang and both sides agreed to hold a second summit soon. '.repeat(3)
  // 400 spans of 20-49 characters over 240: about 70 deep at every point.
  const spans = Array.from({ length: 400 }, (_, i) => {
    const start = (i * 7) % 180
    return [start, start + 20 + (i % 30), ['claim', 'quote', 'speculation'][i % 3]!] as const
  })
  const corpus = await makeCorpus({
    'dense.txt': text,
    'dense.jsonl': JSON.stringify({ id: 'dense.txt', text, label: spans }) + '\n'
  })
  const app = await launch({ corpus })
  const { page } = app
  await expect(page.getByTestId('doc-text')).toContainText('Pompeo met Kim')
  await importFile(app, path.join(corpus, 'dense.jsonl'), 'Imported 400 spans')

  // Every span is drawn where it starts; only the first DRAWN_LANES lanes run along their spans.
  await expect(page.getByTestId('span')).toHaveCount(400)
  const lanes = (testid: string): Promise<number[]> =>
    page
      .getByTestId(testid)
      .evaluateAll((marks) => marks.map((m) => Number((m as HTMLElement).style.getPropertyValue('--lane'))))
  expect(Math.max(...(await lanes('span-part')))).toBe(DRAWN_LANES - 1)
  expect(Math.max(...(await lanes('span')))).toBe(DRAWN_LANES)

  // A deep span, picked by clicking at its start until it is the one selected (each click goes one span out).
  const deep = page.locator(`[data-testid="span"][style*="--lane: ${DRAWN_LANES}"]`).first()
  const id = (await deep.getAttribute('data-span-id'))!
  const start = Number(await deep.getAttribute('data-start'))
  const end = Number(await deep.getAttribute('data-end'))
  expect(await page.locator(`[data-span-id="${id}"]`).count()).toBe(1)
  for (let clicks = 0; clicks < 100; clicks++) {
    if ((await deep.getAttribute('class'))?.includes('selected')) break
    await deep.click({ position: { x: 2, y: 8 } })
  }
  await expect(deep).toHaveClass(/selected/)
  const drawn = await page
    .locator(`[data-span-id="${id}"]`)
    .evaluateAll((marks) => marks.map((m) => m.textContent ?? '').join(''))
  expect(drawn).toBe(text.slice(start, end))
})

test('search hits picked in many places of a long document full of spans: each stays selected as its chunk is drawn, the chunks it left are skipped again off screen, and the text stays whole', async ({
  launch
}) => {
  // "summit" on every 300th line: 20 hits spread over about 50 chunks.
  const text = Array.from({ length: 6_000 }, (_, i) =>
    i % 300 === 150 ? line(i).replace('met', 'had a summit with') : line(i)
  ).join('')
  // A span over "Line NNNN" on every line, so the chunks near the screen are drawn with marks.
  const label = Array.from({ length: 6_000 }, (_, i) => {
    const start = text.indexOf(`Line ${String(i).padStart(4, '0')} `)
    return [start, start + 9, 'claim']
  })
  const corpus = await makeCorpus({
    'long.txt': text,
    'long.jsonl': JSON.stringify({ id: 'long.txt', text, label }) + '\n'
  })
  const app = await launch({ corpus })
  const { page } = app
  await expect(page.getByTestId('doc-text')).toContainText('Line 0000')
  await importFile(app, path.join(corpus, 'long.jsonl'), 'Imported 6000 spans')
  // The browser says which chunks it stops or starts skipping; the last word for each element counts.
  await page.getByTestId('doc-text').evaluate((root) => {
    const skipped = new WeakMap<Element, boolean>()
    root.addEventListener(
      'contentvisibilityautostatechange',
      (event) =>
        skipped.set(event.target as Element, (event as ContentVisibilityAutoStateChangeEvent).skipped),
      { capture: true }
    )
    Object.assign(window, {
      laidOut: () => [...root.querySelectorAll('[data-chunk]')].filter((c) => skipped.get(c) === false).length
    })
  })
  const laidOut = (): Promise<number> =>
    page.evaluate(() => (window as unknown as { laidOut: () => number }).laidOut())
  const frames = (): Promise<void> =>
    page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))
    )

  await page.keyboard.press('Control+f')
  await page.getByTestId('search-input').fill('summit')
  await page.getByTestId('search-input').press('Enter')
  const hits = page.getByTestId('search-hit')
  await expect(hits).toHaveCount(20)
  // The selected text and where it starts in the document (the text is ASCII: code points are units).
  const selected = (): Promise<{ text: string; start: number } | undefined> =>
    page.getByTestId('doc-text').evaluate((root) => {
      const selection = window.getSelection()
      if (!selection?.rangeCount) return undefined
      const before = document.createRange()
      before.setStart(root, 0)
      before.setEnd(selection.getRangeAt(0).startContainer, selection.getRangeAt(0).startOffset)
      // The range's own text: the selection's leaves out what the browser skips drawing off screen.
      return { text: selection.getRangeAt(0).toString(), start: before.toString().length }
    })
  // Each hit picked selects its word in the text, the pane jumping to it and drawing its chunk's marks.
  let last = { text: '', start: -1 }
  for (let i = 0; i < 20; i++) {
    const hit = hits.nth((i * 7) % 20)
    last = { text: 'summit', start: Number(await hit.getAttribute('data-start')) }
    await hit.click()
    await expect.poll(selected).toEqual(last)
    await frames()
  }
  await page.locator('main').evaluate((el) => (el.scrollTop = 0))
  await frames()
  // Chunks are about 4,300 px here, in a pane under 1,000: the one at the top, the next, and the selection's.
  await expect.poll(laidOut).toBeLessThanOrEqual(3)
  // The selection's chunk lost its marks as it went off screen; the selection stayed.
  expect(await selected()).toEqual(last)
  expect(await page.getByTestId('doc-text').evaluate((root) => root.textContent)).toBe(text)

  // A span made in the text after all that has the place and text it was made on.
  await page.getByTestId('doc-text').click({ position: { x: 30, y: 10 } })
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Home')
  for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowRight')
  for (let k = 0; k < 4; k++) await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('1')
  await expect(page.getByRole('heading', { name: 'Spans (6001)' })).toBeVisible()
  const says = text.indexOf(line(3)) + 10
  await expect(page.locator(`[data-testid="span"][data-start="${says}"]`)).toHaveText('says')
  await expect(page.locator(`[data-testid="span"][data-start="${says}"]`)).toHaveAttribute(
    'data-end',
    String(says + 4)
  )

  // A selection over more than one chunk, both of its ends redrawn as the pane goes away and back.
  await page.getByTestId('doc-text').click({ position: { x: 30, y: 10 } })
  for (let k = 0; k < 12; k++) await page.keyboard.press('Shift+PageDown')
  const long = await selected()
  // Chunks end at the first line break past 4,096 characters.
  expect(long!.text.length).toBeGreaterThan(5_000)
  await page.locator('main').evaluate((el) => (el.scrollTop = el.scrollHeight))
  await frames()
  await page.locator('main').evaluate((el) => (el.scrollTop = 0))
  await frames()
  expect(await selected()).toEqual(long)
  await page.keyboard.press('Shift+ArrowRight')
  expect((await selected())!.text.length).toBe(long!.text.length + 1)
})
