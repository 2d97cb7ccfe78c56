import type { Page } from '@playwright/test'
import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
import { storedSpanRecords } from './storage'
import { codePointRange, drawnSpans, selectCodePoints, type SpanAttrs } from './text'

/** Kills per run: 20 here and in CI; `KILLS=200 npm run test:e2e -- crash-loop` for the long mode. */
const KILLS = Number(process.env['KILLS'] ?? 20)

const WORDS = Array.from({ length: 400 }, (_, i) => `w${i}${['é', '👍', '🇯🇵', 'e\u0301', '中'][i % 5]}`)
const TEXT = WORDS.join(' ') + '\r\n'
/** TEXT's code points, which every span offset counts. */
const POINTS = Array.from(TEXT)

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** What a relaunch may find of each span: certainly there (with these offsets), certainly gone, or either. */
type Expected = { span: SpanAttrs; state: 'present' | 'absent' | 'either' }

const key = (s: SpanAttrs): string => `${s.id}:${s.label}:${s.start}:${s.end}`

async function createSpan(page: Page, word: string, label: string): Promise<SpanAttrs> {
  const before = new Set((await drawnSpans(page)).map((s) => s.id))
  const { start, end } = codePointRange(TEXT, word)
  await selectCodePoints(page, start, end)
  await page.keyboard.press(label)
  const created = page.locator(`[data-testid="span"][data-start="${start}"][data-end="${end}"]`)
  await expect(created).toHaveCount(1)
  const span = (await drawnSpans(page)).find((s) => !before.has(s.id) && s.start === start)
  if (!span) throw new Error(`no new span at ${word}`)
  return span
}

test('edits survive the app being killed at random points: committed ones present once, nothing torn', async ({
  launch
}) => {
  test.setTimeout(KILLS * 15_000)
  const seed = Number(process.env['KILL_SEED'] ?? 20261124)
  const rng = random(seed)
  const corpus = await makeCorpus({ 'loop.txt': TEXT })
  const expected = new Map<string, Expected>()
  let profile: string | undefined
  let port: number | undefined
  let unused = [...WORDS]
  let edits = 0

  for (let round = 0; round <= KILLS; round++) {
    const app = await launch({ corpus, profile, port })
    ;({ profile, port } = app)
    const page = app.page
    await expect(page.getByTestId('doc-text')).toContainText('w0é')
    await expect(page.getByTestId('save-status')).toHaveText('Saved')

    // What this launch finds: every committed span once with its offsets, no deleted one, nothing else.
    const found = await drawnSpans(page)
    const message = `seed ${seed}, after kill ${round}`
    expect(new Set(found.map((s) => s.id)).size, message).toBe(found.length)
    // Each check is one assertion over all spans, naming every one that fails it. One assertion per span
    // would slow the long mode to a crawl: the runner's cost per assertion grows with those already made.
    const foundKeys = new Set(found.map(key))
    const expectedIn = (state: Expected['state']): string[] =>
      [...expected.values()].filter((e) => e.state === state).map((e) => key(e.span))
    expect(
      expectedIn('present').filter((k) => !foundKeys.has(k)),
      `${message}: lost`
    ).toEqual([])
    expect(
      expectedIn('absent').filter((k) => foundKeys.has(k)),
      `${message}: deleted, yet back`
    ).toEqual([])
    expect(found.filter((s) => !expected.has(s.id)).map(key), `${message}: never made`).toEqual([])
    // Straight from IndexedDB: whole records only, each quoting the text its offsets point at.
    const stored = await storedSpanRecords(page)
    expect(stored.map((s) => s.id).sort(), message).toEqual(found.map((s) => s.id).sort())
    const misquoted = stored.filter((s) => s.text !== POINTS.slice(s.start, s.end).join(''))
    expect(
      misquoted.map((s) => `${s.id}:${s.start}:${s.end}:${s.text}`),
      `${message}: misquoted`
    ).toEqual([])
    expected.clear()
    for (const span of found) expected.set(span.id, { span, state: 'present' })
    if (round === KILLS) break

    // A burst of edits; the kill comes either once all are saved or in the middle of saving.
    const burst = 1 + Math.floor(rng() * 5)
    const waitForSave = rng() < 0.5
    for (let i = 0; i < burst; i++) {
      const current = [...expected.values()].filter((e) => e.state === 'present')
      if (current.length > 3 && rng() < 0.3) {
        const victim = current[Math.floor(rng() * current.length)]!.span
        await page.locator(`[data-testid="span"][data-span-id="${victim.id}"]`).click()
        await page.keyboard.press('Delete')
        await expect(page.locator(`[data-span-id="${victim.id}"]`)).toHaveCount(0)
        expected.set(victim.id, { span: victim, state: 'either' })
      } else {
        const word = unused.splice(Math.floor(rng() * unused.length), 1)[0]!
        const span = await createSpan(page, word, String(1 + Math.floor(rng() * 3)))
        expected.set(span.id, { span, state: 'either' })
      }
      edits++
    }
    if (waitForSave) {
      await expect(page.getByTestId('save-status')).toHaveText('Saved')
      for (const [id, entry] of expected)
        if (entry.state === 'either')
          expected.set(id, {
            ...entry,
            state: (await page.locator(`[data-span-id="${id}"]`).count()) ? 'present' : 'absent'
          })
    }
    await app.kill()
    if (unused.length < 10) {
      const taken = new Set([...expected.values()].map((e) => e.span.start))
      unused = WORDS.filter((w) => !taken.has(codePointRange(TEXT, w).start))
    }
  }
  console.log(`crash loop: ${KILLS} kills survived, ${edits} edits, seed ${seed}`)
})
