import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
import { codePointRange, drawnSpans, selectCodePoints } from './text'

const TEXT = [
  'Officials said the summit will happen soon.',
  'He added: "We are very optimistic," according to KCNA.',
  'It may be delayed until next year.'
].join('\n')

test('select, press 1/2/3 or click a label: spans appear, overlap and stay clickable', async ({ launch }) => {
  const corpus = await makeCorpus({ 'talks.txt': TEXT })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toContainText('Officials')

  const claim = codePointRange(TEXT, 'Officials said the summit will happen soon.')
  await selectCodePoints(page, claim.start, claim.end)
  await page.keyboard.press('1')
  const quote = codePointRange(TEXT, 'the summit')
  await selectCodePoints(page, quote.start, quote.end)
  await page.getByTestId('label-quote').click()
  const spec = codePointRange(TEXT, 'summit will happen')
  await selectCodePoints(page, spec.start, spec.end)
  await page.keyboard.press('3')

  await expect(page.getByTestId('span')).toHaveCount(3)
  const spans = await drawnSpans(page)
  expect(spans.map(({ label, start, end }) => ({ label, start, end }))).toEqual([
    { label: 'claim', ...claim },
    { label: 'quote', ...quote },
    { label: 'speculation', ...spec }
  ])
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await expect(page.locator('[data-doc-id="talks.txt"]')).toHaveAttribute('data-status', 'in-progress')

  // Where all three overlap, clicking selects the innermost, and each further click the next one out.
  const summit = await page.evaluate(
    (at) => {
      const root = document.querySelector('[data-testid="doc-text"]')!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      let seen = 0
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = (node as Text).length
        if (at < seen + length) {
          const range = document.createRange()
          range.setStart(node, at - seen)
          range.setEnd(node, at - seen + 1)
          const rect = range.getBoundingClientRect()
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
        }
        seen += length
      }
      throw new Error('offset past the text')
    },
    TEXT.indexOf('summit') + 2
  )
  await page.keyboard.press('Escape')
  await expect(page.locator('[data-testid="span"].selected')).toHaveCount(0)
  const selectedLabels: string[] = []
  for (let i = 0; i < 4; i++) {
    await page.mouse.click(summit.x, summit.y)
    const selected = page.locator('[data-testid="span"].selected')
    await expect(selected).toHaveCount(1)
    selectedLabels.push((await selected.getAttribute('data-label')) ?? '')
  }
  expect(selectedLabels).toEqual(['quote', 'speculation', 'claim', 'quote'])
  await page
    .getByTestId('span-list')
    .getByRole('button', { name: /speculation/ })
    .click()
  await expect(page.locator('[data-testid="span"].selected')).toHaveAttribute('data-label', 'speculation')
  await page.getByTestId('doc-text').focus()
  await page.keyboard.press('Tab')
  await expect(page.locator('[data-testid="span"].selected')).toHaveAttribute('data-label', 'claim')
  await page.keyboard.press('Shift+Tab')
  await expect(page.locator('[data-testid="span"].selected')).toHaveAttribute('data-label', 'speculation')
})

test('relabel, note, delete, undo and redo every change, across document switches', async ({ launch }) => {
  const corpus = await makeCorpus({ 'a.txt': TEXT, 'b.txt': 'Another document.' })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toContainText('Officials')
  const range = codePointRange(TEXT, 'very optimistic')
  await selectCodePoints(page, range.start, range.end)
  await page.keyboard.press('2')
  const span = page.getByTestId('span')
  await expect(span).toHaveAttribute('data-label', 'quote')

  await page.keyboard.press('3')
  await expect(span).toHaveAttribute('data-label', 'speculation')
  await page.getByTestId('span-note').fill('hedged by "very"')
  await page.getByTestId('span-note').blur()
  await expect(page.getByTestId('span-list')).toContainText('✎')
  await page.getByTestId('doc-text').focus()
  await page.keyboard.press('Delete')
  await expect(span).toHaveCount(0)

  await page.locator('[data-doc-id="b.txt"] button').click()
  await expect(page.getByTestId('doc-text')).toHaveText('Another document.')
  await page.locator('[data-doc-id="a.txt"] button').click()
  await expect(page.getByTestId('doc-text')).toContainText('Officials')

  await page.keyboard.press('Control+z')
  await expect(span).toHaveAttribute('data-label', 'speculation')
  await page.locator('[data-testid="span"]').click()
  await expect(page.getByTestId('span-note')).toHaveValue('hedged by "very"')
  await page.getByTestId('doc-text').focus()
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('span-list')).not.toContainText('✎')
  await page.keyboard.press('Control+z')
  await expect(span).toHaveAttribute('data-label', 'quote')
  await page.keyboard.press('Control+z')
  await expect(span).toHaveCount(0)
  await page.keyboard.press('Control+Shift+z')
  await expect(span).toHaveAttribute('data-label', 'quote')
  await page.keyboard.press('Control+Shift+z')
  await expect(span).toHaveAttribute('data-label', 'speculation')
  await expect(span).toHaveAttribute('data-start', String(range.start))
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
})

test('offsets are code points for emoji, flags, ZWJ, combining marks, CRLF, NBSP, ZWSP, RTL and CJK', async ({
  launch
}) => {
  const text =
    'Start 😀 smile.\r\nFlag 🇯🇵 here, family 👩‍👩‍👧 there.\r\n' +
    'Cafe\u0301 cre\u0300me, a\u00a0b, zero\u200bwidth.\r\nשלום עולם. 中文字符 and 𠀀𠀁.'
  const targets = [
    '😀 smile',
    '🇯🇵',
    'family 👩‍👩‍👧 there',
    'Cafe\u0301 cre\u0300me',
    'a\u00a0b',
    'zero\u200bwidth',
    'שלום עולם',
    '中文字符 and 𠀀𠀁'
  ]
  const corpus = await makeCorpus({ 'unicode.txt': text })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toContainText('Start')
  expect(await page.getByTestId('doc-text').evaluate((el) => el.textContent)).toBe(text)
  for (const target of targets) {
    const { start, end } = codePointRange(text, target)
    await selectCodePoints(page, start, end)
    await page.keyboard.press('1')
    await expect(page.locator(`[data-testid="span"][data-start="${start}"][data-end="${end}"]`)).toHaveCount(
      1
    )
  }
  const points = Array.from(text)
  for (const span of await drawnSpans(page)) {
    expect(targets).toContain(points.slice(span.start, span.end).join(''))
  }
  // Decorations add no text: doc-text still reads as the document.
  expect(await page.getByTestId('doc-text').evaluate((el) => el.textContent)).toBe(text)
})

test('selections snap: a mouse drag with spaces, Shift+arrows from a caret, and whole words', async ({
  launch
}) => {
  const corpus = await makeCorpus({ 'a.txt': TEXT })
  const { page } = await launch({ corpus })
  const docText = page.getByTestId('doc-text')
  await expect(docText).toContainText('Officials')

  // A selection with spaces around it snaps to the words.
  const padded = codePointRange(TEXT, ' the summit ')
  await selectCodePoints(page, padded.start, padded.end)
  await page.keyboard.press('2')
  await expect(page.getByTestId('span')).toHaveAttribute('data-start', String(padded.start + 1))
  await expect(page.getByTestId('span')).toHaveAttribute('data-end', String(padded.end - 1))
  await page.keyboard.press('Delete')

  // Mouse: drag across "Officials said".
  const box = await docText.boundingBox()
  if (!box) throw new Error('doc-text is not visible')
  const first = await page.evaluate(() => {
    const root = document.querySelector('[data-testid="doc-text"]')!
    const first = document.createTreeWalker(root, NodeFilter.SHOW_TEXT).nextNode()!
    const range = document.createRange()
    range.setStart(first, 0)
    range.setEnd(first, 'Officials said'.length)
    const rect = range.getBoundingClientRect()
    return { left: rect.left, right: rect.right, y: rect.top + rect.height / 2 }
  })
  await page.mouse.move(first.left + 1, first.y)
  await page.mouse.down()
  await page.mouse.move(first.right - 1, first.y, { steps: 5 })
  await page.mouse.up()
  await page.keyboard.press('1')
  await expect(page.getByTestId('span')).toHaveAttribute('data-end', String('Officials said'.length))
  await expect(page.getByTestId('span')).toHaveAttribute('data-start', '0')
  await page.keyboard.press('Delete')

  // Keyboard: caret before "He", Shift+ArrowRight five times, then whole words on.
  const he = codePointRange(TEXT, 'He added')
  await page.getByTestId('snap-words').check()
  await page.getByTestId('doc-text').focus()
  await selectCodePoints(page, he.start, he.start)
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('2')
  await expect(page.getByTestId('span')).toHaveAttribute('data-start', String(he.start))
  await expect(page.getByTestId('span')).toHaveAttribute('data-end', String(he.end))
})

test('a new span redraws only its own part of the text: the text around it keeps its nodes', async ({
  launch
}) => {
  const text = 'First sentence here. Second sentence there. Third one at the end.'
  const corpus = await makeCorpus({ 'doc.txt': text })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toHaveText(text)
  const tag = (phrase: string, key: string): Promise<void> =>
    selectCodePoints(page, codePointRange(text, phrase).start, codePointRange(text, phrase).end).then(() =>
      page.keyboard.press(key)
    )
  await tag('Third one', '1')
  await expect(page.getByTestId('span')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(page.locator('[data-testid="span"].selected')).toHaveCount(0)
  // Tag the nodes now shown (the mark, and the plain text before it) to tell them from new ones.
  await page.getByTestId('doc-text').evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      (node as Text & { seen?: boolean }).seen = true
  })
  await tag('First', '2')
  await expect(page.getByTestId('span')).toHaveCount(2)
  const nodes = await page.getByTestId('doc-text').evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const found: [string, boolean][] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      found.push([node.textContent ?? '', (node as Text & { seen?: boolean }).seen === true])
    return found
  })
  // The plain text before "Third one" was one node; the new span cut it, so its pieces are new. The
  // mark of "Third one" and what follows it are the same nodes as before.
  expect(nodes).toEqual([
    ['First', false],
    [' sentence here. Second sentence there. ', false],
    ['Third one', true],
    [' at the end.', true]
  ])
  expect(await drawnSpans(page)).toMatchObject([
    { label: 'quote', ...codePointRange(text, 'First') },
    { label: 'claim', ...codePointRange(text, 'Third one') }
  ])
})
