import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { makeCorpus } from './corpora'
import { expect, SAMPLE_CORPUS, test } from './fixtures'

const SAMPLE_IDS = [
  '000_8f3638f880e7005a.txt',
  '001_b895103bd736091f.txt',
  '002_3264f32c8445dd19.txt',
  '003_747820027b99319d.txt',
  '004_da1eda02d76038f7.txt'
]

test('the sample corpus lists its five documents and shows their text exactly', async ({ launch }) => {
  const { page } = await launch()
  const items = page.getByTestId('doc-item')
  await expect(items).toHaveCount(5)
  expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-doc-id')))).toEqual(
    SAMPLE_IDS
  )

  const second = await readFile(path.join(SAMPLE_CORPUS, SAMPLE_IDS[1]!), 'utf8')
  await page.locator(`[data-doc-id="${SAMPLE_IDS[1]}"] button`).click()
  const docText = page.getByTestId('doc-text')
  await expect.poll(() => docText.evaluate((el) => el.textContent)).toBe(second)
  await expect(docText).toHaveAttribute('data-offset', '0')
})

test('hostile HTML shows its text and runs nothing', async ({ launch }) => {
  const corpus = await makeCorpus({
    'hostile.html': [
      '<html><head><title>T</title><script>window.__pwned = "script"</script>',
      '<style>body { display: none }</style></head><body>',
      '<h1>Breaking</h1><p>Officials <b>said</b> the talks &amp; summit went ahead.</p>',
      '<img src="x" onerror="window.__pwned = \'onerror\'">',
      '<iframe src="javascript:parent.__pwned = \'iframe\'"></iframe>',
      '<a href="javascript:window.__pwned = \'link\'">Read more</a>',
      '<!-- a comment that must not show --><svg onload="window.__pwned = \'svg\'"></svg>',
      '</body></html>'
    ].join('\n')
  })
  const { page } = await launch({ corpus })
  const docText = page.getByTestId('doc-text')
  await expect(docText).toContainText('Officials said the talks & summit went ahead.')
  const text = await docText.evaluate((el) => el.textContent ?? '')
  expect(text).toContain('Breaking')
  expect(text).toContain('Read more')
  expect(text).not.toContain('comment')
  expect(text).not.toContain('__pwned')
  // Nothing but the renderer's own chunk containers: no element from the file.
  expect(await docText.locator('*:not([data-chunk])').count()).toBe(0)
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
  expect(await page.locator('iframe, img, script:not([src]), svg').count()).toBe(0)
})

test('a binary file is listed with a doc-error and the rest still open', async ({ launch }) => {
  const corpus = await makeCorpus({
    'a-readable.txt': 'Plain text.',
    'b-binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
    'c-empty.md': ''
  })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-item')).toHaveCount(3)
  const binary = page.locator('[data-testid="doc-item"][data-doc-id="b-binary.txt"]')
  await expect(binary.getByTestId('doc-error')).toContainText('binary')
  await expect(page.getByTestId('doc-text')).toHaveText('Plain text.')

  await binary.locator('button').click()
  await expect(page.getByRole('alert')).toContainText('binary')
  await expect(page.getByTestId('doc-text')).toHaveCount(0)

  await page.locator('[data-doc-id="c-empty.md"] button').click()
  await expect(page.getByTestId('doc-text')).toHaveText('')
})

test('invalid UTF-8 opens with a warning naming the encoding and can be reopened as another', async ({
  launch
}) => {
  // "Café – “quoted”" in windows-1252: 0xE9 é, 0x96 en dash, 0x93/0x94 curly quotes.
  const bytes = Buffer.from([
    ...Buffer.from('Caf'),
    0xe9,
    0x20,
    0x96,
    0x20,
    0x93,
    ...Buffer.from('quoted'),
    0x94,
    ...Buffer.from(' and more plain words to give the detector something to read.')
  ])
  const corpus = await makeCorpus({ 'legacy.txt': bytes })
  const { page } = await launch({ corpus })
  const warning = page.getByTestId('doc-warning')
  await expect(warning).toContainText('windows-1252')
  await expect(page.getByTestId('doc-text')).toContainText('Café – “quoted”')

  await page.getByTestId('reopen-encoding').selectOption('iso-8859-15')
  await page.getByTestId('reopen-button').click()
  await expect(page.getByTestId('doc-warning')).toHaveCount(0)
  await expect(page.locator('.encoding')).toHaveText('iso-8859-15')
  await expect(page.getByTestId('doc-text')).toContainText('Café')
})

test('CRLF, BOMs and UTF-16 documents keep their exact text', async ({ launch }) => {
  const crlf = 'First line\r\nSecond line\r\n\u00a0NBSP, e\u0301, 👩‍👩‍👧, שלום, 中文\r\n'
  const corpus = await makeCorpus({
    '1-crlf.txt': crlf,
    '2-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('UTF-8 with BOM')]),
    '3-utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 LE 👋', 'utf16le')]),
    '4-utf16be.txt': Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from('UTF-16 BE 👋', 'utf16le').swap16()
    ])
  })
  const { page } = await launch({ corpus })
  const docText = page.getByTestId('doc-text')
  const textOf = (): Promise<string | null> => docText.evaluate((el) => el.textContent)
  await expect(docText).toContainText('First line')
  expect(await textOf()).toBe(crlf)
  for (const [id, expected] of [
    ['2-bom.txt', 'UTF-8 with BOM'],
    ['3-utf16le.txt', 'UTF-16 LE 👋'],
    ['4-utf16be.txt', 'UTF-16 BE 👋']
  ] as const) {
    await page.locator(`[data-doc-id="${id}"] button`).click()
    await expect(docText).toHaveText(expected)
    expect(await textOf()).toBe(expected)
  }
})
