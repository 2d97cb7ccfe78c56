import { execFileSync } from 'node:child_process'
import { chmod, mkdir, symlink, truncate, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listCorpus, MAX_DOC_BYTES, resolveDocPath } from './corpus'
import { readDocument, sha256 } from './documents'
import { tempCorpus } from './test-corpus'

const isRoot = process.getuid?.() === 0

describe('listCorpus', () => {
  it('lists documents recursively by relative id, in natural order, skipping other files and dot-folders', async () => {
    const root = await tempCorpus({
      'b.txt': 'b',
      'a/10.md': 'x',
      'a/9.md': 'x',
      'page.HTML': '<p>x</p>',
      'old.htm': '<p>x</p>',
      'image.png': 'x',
      '.git/config.txt': 'x'
    })
    const listing = await listCorpus(root)
    expect(listing.ok && listing.value.docs.map((d) => [d.id, d.kind])).toEqual([
      ['a/9.md', 'markdown'],
      ['a/10.md', 'markdown'],
      ['b.txt', 'text'],
      ['old.htm', 'html'],
      ['page.HTML', 'html']
    ])
  })

  it('lists refused files with a reason instead of failing', async () => {
    const outside = await tempCorpus({ 'secret.txt': 'secret' })
    const root = await tempCorpus({ 'ok.txt': 'fine', 'bin.txt': new Uint8Array([1, 0, 2]) })
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'escape.txt'))
    await symlink(outside, path.join(root, 'linked-dir'))
    await symlink(path.join(root, 'missing.txt'), path.join(root, 'dangling.txt'))
    await writeFile(path.join(root, 'huge.txt'), '')
    await truncate(path.join(root, 'huge.txt'), MAX_DOC_BYTES + 1)
    await mkdir(path.join(root, 'folder.txt'))
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')])

    const listing = await listCorpus(root)
    if (!listing.ok) throw new Error(listing.error.message)
    const errors = Object.fromEntries(listing.value.docs.map((d) => [d.id, d.error]))
    expect(errors['ok.txt']).toBeUndefined()
    expect(errors['bin.txt']).toMatch(/binary/)
    expect(errors['escape.txt']).toMatch(/outside the corpus/)
    expect(errors['dangling.txt']).toMatch(/Unreadable/)
    expect(errors['huge.txt']).toMatch(/over the 50 MiB limit/)
    // A directory link that leads outside is not walked; a folder named *.txt is not a document file.
    expect(Object.keys(errors).some((id) => id.startsWith('linked-dir/'))).toBe(false)
    expect(errors['folder.txt']).toBeUndefined()
    // A FIFO is refused at once, not waited on for a writer that never comes.
    expect(errors['pipe.txt']).toBe('Refused: not a regular file')
    expect(await readDocument(root, 'pipe.txt')).toMatchObject({ ok: false, error: { code: 'refused' } })
  })

  it('lists files with a newline, a control character or a name that is not UTF-8 as refused, saying why', async () => {
    const root = await tempCorpus({ 'fine.txt': 'x', 'two\nlines.txt': 'x', 'bell\u0007.md': 'x' })
    // A name whose bytes are Latin-1, not UTF-8 ("caf\xe9.txt"): written through a Buffer path.
    await writeFile(
      Buffer.concat([Buffer.from(root + '/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]),
      'x'
    )
    await mkdir(Buffer.concat([Buffer.from(root + '/dir'), Buffer.from([0xff])]))

    const listing = await listCorpus(root)
    if (!listing.ok) throw new Error(listing.error.message)
    const errors = Object.fromEntries(listing.value.docs.map((d) => [d.id, d.error]))
    expect(errors).toEqual({
      'bell\u0007.md': expect.stringMatching(/line break or control character; rename/) as unknown,
      'caf\ufffd.txt': 'Refused: the name is not valid UTF-8; rename the file',
      'fine.txt': undefined,
      'two\nlines.txt': expect.stringMatching(/line break or control character; rename/) as unknown
    })
    for (const id of ['two\nlines.txt', 'bell\u0007.md', 'caf\ufffd.txt'])
      expect(await readDocument(root, id)).toMatchObject({ ok: false, error: { code: 'refused' } })
  })

  it('lists an unreadable file with the reason', async ({ skip }) => {
    skip(isRoot, 'runs as root here, and root can read a chmod 000 file: no permission error to show')
    const root = await tempCorpus({ 'locked.txt': 'x' })
    await chmod(path.join(root, 'locked.txt'), 0o000)
    const listing = await listCorpus(root)
    expect(listing.ok && listing.value.docs[0]?.error).toMatch(/permission denied/)
  })

  it('follows links to folders inside the root once, without looping', async () => {
    const root = await tempCorpus({ 'sub/doc.txt': 'x' })
    await symlink(path.join(root, 'sub'), path.join(root, 'sub/again'))
    const listing = await listCorpus(root)
    expect(listing.ok && listing.value.docs.map((d) => d.id)).toEqual(['sub/doc.txt'])
  })

  it('fails clearly for a folder that does not exist', async () => {
    const listing = await listCorpus('/no/such/folder')
    expect(listing).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})

describe('resolveDocPath', () => {
  it.each([
    ['../outside.txt'],
    ['a/../../outside.txt'],
    ['/etc/passwd.txt'],
    ['C:/x.txt'],
    ['a\\..\\b.txt'],
    ['./a.txt'],
    ['a//b.txt']
  ])('refuses %s', async (id) => {
    const root = await tempCorpus({ 'a.txt': 'x' })
    expect(await resolveDocPath(root, id)).toMatchObject({ ok: false, error: { code: 'outside-corpus' } })
  })

  it.each([
    ['a newline', 'a\nb.txt', /line break or control character/],
    ['a carriage return', 'a\rb.txt', /line break or control character/],
    ['a lone surrogate', 'a\ud800.txt', /not valid UTF-8/],
    ['a replacement character (a name that was not UTF-8)', 'caf\ufffd.txt', /not valid UTF-8/],
    ['a very long path', `${'d'.repeat(200)}/`.repeat(25) + 'x.txt', /bytes long, over the 4096 allowed/]
  ])('refuses an id with %s, saying why', async (_, id, message) => {
    const root = await tempCorpus({ 'a.txt': 'x' })
    const resolved = await resolveDocPath(root, id)
    expect(resolved).toMatchObject({ ok: false, error: { code: 'refused' } })
    expect(!resolved.ok && resolved.error.message).toMatch(message)
  })

  it('refuses a link out of the root, and files that are not documents', async () => {
    const outside = await tempCorpus({ 'secret.txt': 'secret' })
    const root = await tempCorpus({ 'notes.json': '{}' })
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'escape.txt'))
    expect(await resolveDocPath(root, 'escape.txt')).toMatchObject({
      ok: false,
      error: { code: 'outside-corpus' }
    })
    expect(await resolveDocPath(root, 'notes.json')).toMatchObject({ ok: false, error: { code: 'refused' } })
  })

  it('resolves a document inside the root', async () => {
    const root = await tempCorpus({ 'a/b.txt': 'x' })
    const resolved = await resolveDocPath(root, 'a/b.txt')
    expect(resolved.ok && resolved.value.endsWith(path.join('a', 'b.txt'))).toBe(true)
  })
})

describe('readDocument', () => {
  it('returns decoded text with the sha256 of that text', async () => {
    const root = await tempCorpus({ 'a.txt': 'line one\r\nline two 👋' })
    const doc = await readDocument(root, 'a.txt')
    expect(doc).toEqual({
      ok: true,
      value: {
        id: 'a.txt',
        text: 'line one\r\nline two 👋',
        sha256: sha256('line one\r\nline two 👋'),
        encoding: 'utf-8',
        warning: undefined
      }
    })
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('reads a file again once it changed on disk, even at the same size', async () => {
    const root = await tempCorpus({ 'a.txt': 'first' })
    expect((await readDocument(root, 'a.txt')).ok && 'read').toBe('read')
    await writeFile(path.join(root, 'a.txt'), 'fresh')
    await utimes(path.join(root, 'a.txt'), new Date(), new Date(Date.now() + 5000))
    const again = await readDocument(root, 'a.txt')
    expect(again.ok && again.value.text).toBe('fresh')
  })

  it('converts HTML to text in main', async () => {
    const root = await tempCorpus({ 'p.html': '<p>Hello <script>x()</script><i>world</i></p>' })
    const doc = await readDocument(root, 'p.html')
    expect(doc.ok && doc.value.text).toBe('Hello world')
  })

  it('refuses binary files and paths outside the root with a reason', async () => {
    const root = await tempCorpus({ 'bin.txt': new Uint8Array([0, 1, 2]) })
    expect(await readDocument(root, 'bin.txt')).toMatchObject({ ok: false, error: { code: 'refused' } })
    expect(await readDocument(root, '../bin.txt')).toMatchObject({
      ok: false,
      error: { code: 'outside-corpus' }
    })
    expect(await readDocument(root, 'missing.txt')).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('reopens a legacy file in the encoding asked for', async () => {
    const root = await tempCorpus({ 'l.txt': new Uint8Array([0x41, 0xa4]) })
    const guessed = await readDocument(root, 'l.txt')
    expect(guessed.ok && guessed.value.warning).toBeTruthy()
    const forced = await readDocument(root, 'l.txt', 'iso-8859-15')
    expect(forced.ok && [forced.value.text, forced.value.warning]).toEqual(['A€', undefined])
  })
})
