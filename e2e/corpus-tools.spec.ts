import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
import { codePointRange, drawnSpans, selectCodePoints } from './text'

test('Ctrl+F searches the corpus text and spans, and a hit opens its document ready to tag', async ({
  launch
}) => {
  const later = '😀 Later the Summit was set; a second summit follows.'
  const second = codePointRange(later, 'summit follows').start
  const corpus = await makeCorpus({ 'a.txt': 'Kim met Pompeo.', 'b.txt': later })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toContainText('Kim met')
  await selectCodePoints(page, 0, 3)
  await page.keyboard.press('2')

  await page.keyboard.press('Control+f')
  await page.getByTestId('search-input').fill('summit')
  await page.getByTestId('search-input').press('Enter')
  await expect(page.getByTestId('search-hit')).toHaveCount(2)
  await expect(page.getByTestId('search-summary')).toContainText('2 in the text')
  const hit = page.getByTestId('search-hit').nth(1)
  await expect(hit).toHaveAttribute('data-doc-id', 'b.txt')
  await expect(hit).toHaveAttribute('data-start', String(second))
  await hit.click()
  await expect(page.getByTestId('doc-text')).toContainText('Later the Summit')
  await page.getByTestId('doc-text').focus()
  await page.keyboard.press('3')
  await expect(page.getByTestId('span')).toHaveAttribute('data-start', String(second))
  await expect(page.getByTestId('span')).toHaveAttribute('data-end', String(second + 6))

  await page.keyboard.press('Control+f')
  await page.getByTestId('search-input').fill('kim')
  await page.getByTestId('search-input').press('Enter')
  await expect(page.getByTestId('search-span-hit')).toHaveCount(1)
  await page.getByTestId('search-span-hit').click()
  await expect(page.getByTestId('doc-text')).toContainText('Kim met')
  await expect(page.locator('[data-testid="span"].selected')).toHaveAttribute('data-label', 'quote')
})

test('the label set is editable per corpus: colour, key, guideline and a new label', async ({ launch }) => {
  const corpus = await makeCorpus({ 'a.txt': 'The minister denied the report.' })
  const first = await launch({ corpus })
  const page = first.page
  await expect(page.getByTestId('doc-text')).toContainText('minister')
  await expect(page.getByTestId('label-claim')).toBeVisible()
  await page.getByTestId('edit-labels').click()
  const rows = page.getByTestId('label-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0).getByTestId('label-name')).toHaveValue('claim')

  await rows.nth(0).getByTestId('label-key').fill('2')
  await page.getByTestId('labels-save').click()
  await expect(page.getByTestId('labels-error')).toContainText('Two labels use the key "2"')
  await rows.nth(0).getByTestId('label-key').fill('c')
  await rows.nth(0).getByTestId('label-guideline').fill('A checkable statement of fact.')
  await page.getByTestId('label-add').click()
  await rows.nth(3).getByTestId('label-name').fill('denial')
  await rows.nth(3).getByTestId('label-color').fill('#aa0055')
  await rows.nth(3).getByTestId('label-key').fill('4')
  await page.getByTestId('labels-save').click()
  await expect(page.getByTestId('labels-editor')).toHaveCount(0)

  await expect(page.getByTestId('label-denial')).toBeVisible()
  await expect(page.getByTestId('label-claim')).toHaveAttribute(
    'title',
    /A checkable statement of fact. \(key c\)/
  )
  await selectCodePoints(page, 13, 19)
  await page.keyboard.press('4')
  await selectCodePoints(page, 0, 12)
  await page.keyboard.press('c')
  expect((await drawnSpans(page)).map((s) => [s.label, s.start, s.end])).toEqual([
    ['claim', 0, 12],
    ['denial', 13, 19]
  ])
  await expect(page.locator('[data-testid="span"][data-label="denial"]')).toHaveCSS(
    'border-bottom-color',
    'rgb(170, 0, 85)'
  )
  await expect(page.getByTestId('save-status')).toHaveText('Saved')

  await first.kill()
  const again = await launch({ corpus, profile: first.profile, port: first.port })
  await expect(again.page.getByTestId('label-denial')).toBeVisible()
  await expect(again.page.getByTestId('span')).toHaveCount(2)
})
