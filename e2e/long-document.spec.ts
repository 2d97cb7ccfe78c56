import path from 'node:path'
import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'

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
  await page.getByTestId('import-button').click()
  await app.chooseImport(path.join(corpus, 'long.jsonl'))
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-result')).toContainText(`Imported ${SPANS} spans`)
  await page.getByRole('button', { name: 'Close', exact: true }).click()

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
