import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { exactF1, meanKappa, overlapF1, type Ref } from './agreement-reference'
import { makeCorpus } from './corpora'
import { expect, SAMPLE_CORPUS, test } from './fixtures'
import { codePointRange, selectCodePoints } from './text'

const DOC = '000_8f3638f880e7005a.txt'
const BUSY_DOC = '003_747820027b99319d.txt'
const LABELS = ['claim', 'quote', 'speculation']

test('review: import a colleague layer, check the figures, adjudicate by keyboard, export the gold set', async ({
  launch
}) => {
  test.setTimeout(120_000)
  const texts: Record<string, string> = {}
  for (const id of await readdir(SAMPLE_CORPUS))
    texts[id] = await readFile(path.join(SAMPLE_CORPUS, id), 'utf8')
  const at = (phrase: string, label: string, docId = DOC): Ref => ({
    docId,
    label,
    ...codePointRange(texts[docId]!, phrase)
  })

  const mine: Ref[] = [
    at('Mike Pompeo', 'claim'),
    at('agreed Sunday', 'quote'),
    at('second DPRK-US summit', 'claim'),
    at('"productive"', 'speculation')
  ]
  const theirs: Ref[] = [
    at('Mike Pompeo', 'claim'),
    at('agreed Sunday', 'speculation'),
    at('DPRK-US summit', 'claim'),
    at('Kim Jong-un', 'quote'),
    ...['Trump', 'Kim believe', 'Korean leader', 'Secretary of', 'Pompeo are walking'].map((p) =>
      at(p, 'claim', BUSY_DOC)
    )
  ]
  const byDoc = (refs: Ref[], docId: string): [number, number, string][] =>
    refs.filter((r) => r.docId === docId).map((r) => [r.start, r.end, r.label])
  const colleague = Object.keys(texts)
    .sort()
    .map((id) => JSON.stringify({ id, text: texts[id], label: byDoc(theirs, id) }))
    .join('\n')
  const files = await makeCorpus({ 'colleague.jsonl': colleague })

  const app = await launch()
  const { page } = app
  await expect(page.getByTestId('doc-text')).toContainText('China Daily')
  const keys: Record<string, string> = { claim: '1', quote: '2', speculation: '3' }
  for (const span of mine) {
    await selectCodePoints(page, span.start, span.end)
    await page.keyboard.press(keys[span.label]!)
  }
  await expect(page.getByTestId('span')).toHaveCount(4)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')

  await page.getByTestId('import-button').click()
  await app.chooseImport(path.join(files, 'colleague.jsonl'))
  await page.getByTestId('import-target').selectOption('layer')
  await page.getByTestId('import-layer-name').fill('colleague')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-result')).toContainText(
    'Imported 9 spans (jsonl) into layer "colleague"'
  )
  await page.getByRole('button', { name: 'Close', exact: true }).click()

  await page.getByTestId('review-button').click()
  const panel = page.getByTestId('review-panel')
  await expect(panel).toBeVisible()
  const figures = page.getByTestId('agreement')
  await expect(figures).toHaveAttribute('data-exact-f1', /\d/)
  const shown = async (name: string): Promise<number> => Number(await figures.getAttribute(name))
  expect(await shown('data-exact-f1')).toBeCloseTo(exactF1(mine, theirs), 12)
  expect(await shown('data-overlap-f1')).toBeCloseTo(overlapF1(mine, theirs), 12)
  expect(await shown('data-kappa')).toBeCloseTo(meanKappa(texts, mine, theirs, LABELS), 12)
  await expect(page.getByTestId('their-span')).toHaveCount(4)

  // The differences of this document, grouped by kind, and the disagreement column.
  const diffs = page.getByTestId('diff')
  await expect(diffs).toHaveCount(5)
  expect(await diffs.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual([
    'agree',
    'label-conflict',
    'boundary-conflict',
    'only-mine',
    'only-theirs'
  ])
  await expect(page.locator(`[data-doc-id="${DOC}"]`).getByTestId('doc-disagreements')).toHaveText('≠ 4')
  await page.getByTestId('sort-by-disagreement').check()
  await expect(page.getByTestId('doc-item').first()).toHaveAttribute('data-doc-id', BUSY_DOC)

  // Adjudicate three differences from the keyboard: accept theirs, keep mine, reject; then undo and redo one.
  await page.getByTestId('doc-text').click()
  const current = page.locator('[data-testid="diff"].current')
  const decided: Record<string, string> = {}
  for (const [key, decision] of [
    ['a', 'accept-theirs'],
    ['k', 'keep-mine'],
    ['r', 'reject']
  ] as const) {
    // The current difference moves on to the next undecided one after each decision.
    await expect(current).toHaveAttribute('data-decision', '')
    const kind = (await current.getAttribute('data-kind'))!
    await page.keyboard.press(key)
    await expect(diffs.and(page.locator(`[data-kind="${kind}"]`))).toHaveAttribute('data-decision', decision)
    decided[kind] = decision
  }
  await page.keyboard.press('Control+z')
  await expect(page.locator('[data-testid="diff"][data-decision="reject"]')).toHaveCount(0)
  await page.keyboard.press('r')
  await expect(page.locator('[data-testid="diff"][data-decision="reject"]')).toHaveCount(1)
  await expect(page.locator('[data-testid="diff"][data-decision]:not([data-decision=""])')).toHaveCount(3)

  // Another document opened while reviewing shows its own spans and diffs. A decision there, undone
  // back in the first document, leaves its gold spans as they were before it.
  await page.locator(`[data-testid="doc-item"][data-doc-id="${BUSY_DOC}"]`).click()
  await expect(page.getByTestId('their-span')).toHaveCount(5)
  await expect(diffs).toHaveCount(5)
  expect(await diffs.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(
    Array(5).fill('only-theirs')
  )
  await page.getByTestId('doc-text').click()
  await page.keyboard.press('n')
  await page.keyboard.press('a')
  await expect(page.locator('[data-testid="diff"][data-decision="accept-theirs"]')).toHaveCount(1)
  await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click()
  await expect(diffs).toHaveCount(5)
  await expect(page.getByTestId('their-span')).toHaveCount(4)
  await page.getByTestId('doc-text').click()
  await page.keyboard.press('Control+z')
  await expect(page.locator('[data-testid="diff"][data-decision]:not([data-decision=""])')).toHaveCount(3)

  // The gold layer exports like any other.
  await page.getByTestId('export-button').click()
  await page.getByTestId('export-layer').selectOption('gold')
  await page.getByTestId('export-format').selectOption('jsonl')
  const gold = (await readFile(await app.confirmExport(files), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; label: [number, number, string][] })
  const goldSpans = gold.find((d) => d.id === DOC)!.label
  const pick = (kind: string, mineRef: Ref | undefined, theirRef: Ref | undefined): Ref | undefined => {
    const decision = decided[kind]
    if (kind === 'agree') return decision === 'reject' ? undefined : mineRef
    return decision === 'accept-theirs' ? theirRef : decision === 'keep-mine' ? mineRef : undefined
  }
  const expectedGold = [
    pick('agree', mine[0], theirs[0]),
    pick('label-conflict', mine[1], theirs[1]),
    pick('boundary-conflict', mine[2], theirs[2]),
    pick('only-mine', mine[3], undefined),
    pick('only-theirs', undefined, theirs[3])
  ]
    .filter((r): r is Ref => r !== undefined)
    .map((r) => [r.start, r.end, r.label])
    .sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]))
  expect(goldSpans).toEqual(expectedGold)
  expect(gold.find((d) => d.id === BUSY_DOC)?.label ?? []).toEqual([])
  await page.getByRole('button', { name: 'Close', exact: true }).click()

  // A layer can be removed; my own spans stay.
  await page.locator('.layer-list li', { hasText: 'colleague' }).getByTestId('remove-layer').click()
  await expect(page.locator('.layer-list li', { hasText: 'colleague' })).toHaveCount(0)
  await expect(page.getByTestId('span')).toHaveCount(4)
})
