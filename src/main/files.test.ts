import { spawn } from 'node:child_process'
import { readdir, readFile, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'rolldown'
import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES } from '../shared/formats/model'
import { openAtomic, readImportFiles } from './files'
import { tempCorpus } from './test-corpus'

describe('openAtomic', () => {
  const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

  it('puts the parts in place whole once committed, in the order given, and leaves no temporary file', async () => {
    const dir = await tempCorpus({ 'out.json': 'old' })
    const target = path.join(dir, 'out.json')
    const file = await openAtomic(target)
    // Given one after another without waiting, as an export's runs are.
    const writes = [file.write('{"new":'), file.write(bytes(0x20)), file.write('true}')]
    await Promise.all(writes)
    expect(await readFile(target, 'utf8')).toBe('old')
    await file.commit()
    expect(await readFile(target, 'utf8')).toBe('{"new": true}')
    expect(await readdir(dir)).toEqual(['out.json'])
  })

  it('leaves the old file as it was when discarded, or when a part cannot be written', async () => {
    const dir = await tempCorpus({ 'out.json': 'old' })
    const target = path.join(dir, 'out.json')
    const dropped = await openAtomic(target)
    await dropped.write('new')
    expect(await readdir(dir)).toHaveLength(2)
    await dropped.discard()
    await expect(dropped.write('more')).rejects.toThrow('no longer open')
    const failing = await openAtomic(target)
    await expect(failing.write(1 as unknown as string)).rejects.toThrow()
    await expect(failing.write('after')).rejects.toThrow()
    await expect(failing.commit()).rejects.toThrow()
    expect(await readFile(target, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['out.json'])
    await expect(openAtomic(path.join(dir, 'missing-folder', 'out.json'))).rejects.toThrow()
  })
})

describe('an atomic file killed mid-write', () => {
  /** Kills per run: `EXPORT_KILLS=200 npm run test:unit -- files` for the long mode. */
  const KILLS = Number(process.env['EXPORT_KILLS'] ?? 20)
  const OLD = 'A'.repeat(1024 * 1024)
  const NEW_BYTES = 48 * 1024 * 1024

  /** Builds openAtomic into a plain module a child `node` process can run and be killed in. */
  async function writerScript(dir: string): Promise<string> {
    await build({
      input: path.join(__dirname, 'files.ts'),
      platform: 'node',
      write: true,
      output: { file: path.join(dir, 'files.mjs'), format: 'esm' },
      logLevel: 'silent'
    })
    const script = path.join(dir, 'writer.mjs')
    await writeFile(
      script,
      `import { openAtomic } from './files.mjs'
const [target, bytes] = process.argv.slice(2)
process.stdout.write('writing\\n')
const file = await openAtomic(target)
// In parts, as an export is written.
for (let i = 0; i < 8; i++) await file.write(new Uint8Array(Number(bytes) / 8).fill(0x42))
await file.commit()
process.stdout.write('done\\n')
`
    )
    return script
  }

  it(`leaves the old export or the whole new one, never a mix, across ${KILLS} SIGKILLs`, async () => {
    const dir = await tempCorpus({})
    const script = await writerScript(dir)
    const target = path.join(dir, 'export.jsonl')
    const outcomes = { old: 0, new: 0 }
    /** Starts a write and resolves, once it has begun, with the child and when it began. */
    const startWriter = async () => {
      const child = spawn(process.execPath, [script, target, String(NEW_BYTES)], {
        stdio: ['ignore', 'pipe', 'inherit']
      })
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
      return { child, exited: new Promise((resolve) => child.once('exit', resolve)), began: Date.now() }
    }
    const whole = await startWriter()
    await whole.exited
    const duration = Date.now() - whole.began
    for (let kill = 0; kill < KILLS; kill++) {
      await writeFile(target, OLD)
      const { child, exited } = await startWriter()
      // Kill at a different moment each time, spread over the write and the rename at its end.
      await new Promise((resolve) => setTimeout(resolve, (duration * kill) / KILLS))
      child.kill('SIGKILL')
      await exited
      const after = await readFile(target)
      if (after.length === OLD.length && after.every((b) => b === 0x41)) outcomes.old++
      else if (after.length === NEW_BYTES && after.every((b) => b === 0x42)) outcomes.new++
      else throw new Error(`kill ${kill}: a torn file of ${after.length} bytes`)
    }
    console.log(
      `export kills: ${KILLS} over a ${duration} ms write, old file kept ${outcomes.old}, new file whole ${outcomes.new}`
    )
    expect(outcomes.old + outcomes.new).toBe(KILLS)
    expect(outcomes.old).toBeGreaterThan(0)
  }, 120_000)
})

describe('readImportFiles', () => {
  it('reads what the dialog returned', async () => {
    const dir = await tempCorpus({ 'a.jsonl': '{}' })
    expect(await readImportFiles([path.join(dir, 'a.jsonl')])).toEqual({
      ok: true,
      value: [{ name: 'a.jsonl', data: new Uint8Array(Buffer.from('{}')) }]
    })
  })

  it('refuses more than 400 MB before reading it', async () => {
    const dir = await tempCorpus()
    const big = path.join(dir, 'big.jsonl')
    await writeFile(big, '')
    await truncate(big, MAX_IMPORT_BYTES + 1)
    expect(await readImportFiles([big])).toMatchObject({
      ok: false,
      error: { message: /over the 400 MB import limit/ }
    })
  })
})
