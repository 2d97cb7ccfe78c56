import { writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import path from 'node:path'
import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
import { codePointRange, drawnSpans, selectCodePoints } from './text'

const WORDS = Array.from({ length: 12 }, (_, i) => `item${i}é👍`)
const TEXT = `Burst test: ${WORDS.join(' ')} end.`

test('a burst of edits survives the app being killed: every span shown as saved, once, same offsets', async ({
  launch
}) => {
  const corpus = await makeCorpus({ 'burst.txt': TEXT, 'other.txt': 'Other.' })
  const first = await launch({ corpus })
  const page = first.page
  await expect(page.getByTestId('doc-text')).toContainText('Burst test')
  for (const [i, word] of WORDS.entries()) {
    const { start, end } = codePointRange(TEXT, word)
    await selectCodePoints(page, start, end)
    await page.keyboard.press(String((i % 3) + 1))
  }
  // Relabel and delete inside the burst too.
  await page.keyboard.press('1')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('span')).toHaveCount(WORDS.length - 1)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  const before = await drawnSpans(page)

  await first.kill()

  const second = await launch({ corpus, profile: first.profile, port: first.port })
  await expect(second.page.getByTestId('span')).toHaveCount(WORDS.length - 1)
  const after = await drawnSpans(second.page)
  expect(after).toEqual(before)
  expect(new Set(after.map((s) => s.id)).size).toBe(after.length)
  await expect(second.page.locator('[data-doc-id="burst.txt"]')).toHaveAttribute('data-status', 'in-progress')
})

test('a file edited between launches: spans follow their text, lost ones are kept as orphaned', async ({
  launch
}) => {
  const original = 'Pompeo met Kim. The summit was productive. Talks may resume in November.'
  const corpus = await makeCorpus({ 'doc.txt': original })
  const first = await launch({ corpus })
  await expect(first.page.getByTestId('doc-text')).toContainText('Pompeo')
  for (const [quote, key] of [
    ['The summit was productive.', '1'],
    ['Talks may resume in November.', '3'],
    ['Kim', '2']
  ] as const) {
    const { start, end } = codePointRange(original, quote)
    await selectCodePoints(first.page, start, end)
    await first.page.keyboard.press(key)
  }
  await expect(first.page.getByTestId('save-status')).toHaveText('Saved')
  await first.kill()

  const edited = '🇺🇸 UPDATE 👋\r\nPompeo met Moon. The summit was productive. Talks may resume in November.'
  await writeFile(path.join(corpus, 'doc.txt'), edited)
  const { page } = await launch({ corpus, profile: first.profile, port: first.port })
  await expect(page.getByTestId('reanchor-notice')).toContainText('2 spans moved')
  await expect(page.getByTestId('reanchor-notice')).toContainText('1 could not be placed')
  const spans = await drawnSpans(page)
  expect(spans.map(({ label, start, end }) => ({ label, start, end }))).toEqual([
    { label: 'claim', ...codePointRange(edited, 'The summit was productive.') },
    { label: 'speculation', ...codePointRange(edited, 'Talks may resume in November.') }
  ])
  await expect(page.getByTestId('orphan')).toHaveCount(1)
  await expect(page.getByTestId('orphan')).toContainText('Kim')
})

test('status, per-label counts, filters and the author name', async ({ launch }) => {
  const corpus = await makeCorpus({
    'alpha.txt': 'Alpha says yes.',
    'beta.txt': 'Beta says no.',
    'gamma.md': 'Gamma.'
  })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('author')).toHaveValue(userInfo().username)
  await page.getByTestId('author').fill('Reviewer A')
  await page.getByTestId('author').press('Enter')

  await selectCodePoints(page, 0, 5)
  await page.keyboard.press('1')
  await selectCodePoints(page, 6, 14)
  await page.keyboard.press('2')
  await selectCodePoints(page, 0, 14)
  await page.keyboard.press('1')
  await expect(page.getByTestId('span-editor')).toContainText('Reviewer A')
  const alpha = page.locator('[data-doc-id="alpha.txt"]')
  await expect(alpha.getByTestId('doc-count-claim')).toHaveText('2')
  await expect(alpha.getByTestId('doc-count-quote')).toHaveText('1')
  await expect(alpha).toHaveAttribute('data-status', 'in-progress')

  await page.getByTestId('doc-status').selectOption('done')
  await expect(alpha).toHaveAttribute('data-status', 'done')
  await page.getByTestId('doc-status-filter').selectOption('done')
  await expect(page.getByTestId('doc-item')).toHaveCount(1)
  await page.getByTestId('doc-status-filter').selectOption('todo')
  await expect(page.getByTestId('doc-item')).toHaveCount(2)
  await page.getByTestId('doc-status-filter').selectOption('all')
  await page.getByTestId('doc-filter').fill('.md')
  await expect(page.getByTestId('doc-item')).toHaveCount(1)
  await expect(page.getByTestId('doc-item')).toHaveAttribute('data-doc-id', 'gamma.md')
})
