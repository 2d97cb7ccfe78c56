import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from './handlers'
import { isAllowedHost, startShell, type RunningShell } from './http-shell'
import { tempCorpus } from './test-corpus'

type Reply = { status: number; body: string; headers: Record<string, string | string[] | undefined> }

/** A raw request, so the Host and Origin headers can be anything. */
function send(shell: RunningShell, pathAndQuery: string, headers: Record<string, string>, body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: shell.port, path: pathAndQuery, method: body ? 'POST' : 'GET', headers },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('browser shell', () => {
  let shell: RunningShell
  let host: string
  beforeAll(async () => {
    const renderer = await tempCorpus({
      'index.html': '<!doctype html><title>app</title>',
      'assets/a.js': '1'
    })
    const corpus = await tempCorpus({ 'doc.txt': 'hello' })
    shell = await startShell({
      handlers: createHandlers({ shell: 'browser', corpusRoot: corpus }),
      rendererDir: renderer,
      port: 0
    })
    host = `127.0.0.1:${shell.port}`
  })
  afterAll(() => shell.close())

  it('listens on 127.0.0.1 only and prints a URL with its token', () => {
    const address = shell.server.address()
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1')
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`)
    expect(shell.token).toMatch(/^[0-9a-f]{48}$/)
  })

  it('refuses every request without the token, static files included', async () => {
    expect((await send(shell, '/', { host })).status).toBe(401)
    expect((await send(shell, '/assets/a.js', { host })).status).toBe(401)
    expect((await send(shell, '/?token=wrong', { host })).status).toBe(401)
    expect((await send(shell, '/api/listCorpus', { host }, '[]')).status).toBe(401)
  })

  it('serves the page for the token and sets a cookie that carries it afterwards', async () => {
    const first = await send(shell, `/?token=${shell.token}`, { host })
    expect(first.status).toBe(200)
    expect(first.body).toContain('<title>app</title>')
    expect(first.headers['content-security-policy']).toContain("script-src 'self'")
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? ''
    expect(cookie).toBe(`spanmark_token=${shell.token}`)
    expect((await send(shell, '/assets/a.js', { host, cookie })).status).toBe(200)
  })

  it.each(['evil.example:80', `attacker.test:${0}`, 'localhost', '127.0.0.1', '[::1]:1'])(
    'refuses a foreign Host header (%s), as a DNS-rebound page would send',
    async (badHost) => {
      expect((await send(shell, `/?token=${shell.token}`, { host: badHost })).status).toBe(403)
    }
  )

  it('refuses a cross-origin request even with the token', async () => {
    const reply = await send(
      shell,
      '/api/listCorpus',
      { host, origin: 'http://evil.example', 'x-spanmark-token': shell.token },
      '[]'
    )
    expect(reply.status).toBe(403)
  })

  it('answers the API with typed results, validating arguments', async () => {
    const auth = { host, 'x-spanmark-token': shell.token, origin: `http://${host}` }
    const listing = JSON.parse((await send(shell, '/api/listCorpus', auth, '[]')).body) as unknown
    expect(listing).toMatchObject({ ok: true, value: { docs: [{ id: 'doc.txt' }] } })
    const doc = JSON.parse(
      (await send(shell, '/api/readDocument', auth, '[{"id":"doc.txt"}]')).body
    ) as unknown
    expect(doc).toMatchObject({ ok: true, value: { text: 'hello' } })
    const bad = JSON.parse((await send(shell, '/api/readDocument', auth, '[{"id":42}]')).body) as unknown
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    const unknown = JSON.parse((await send(shell, '/api/deleteEverything', auth, '[]')).body) as unknown
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect((await send(shell, '/api/listCorpus', auth, 'not json')).status).toBe(400)
  })

  it.each([
    ['a parent folder', '../outside.txt', 'outside-corpus', /not a path inside the corpus/],
    ['an absolute path', '/etc/hostname.txt', 'outside-corpus', /not a path inside the corpus/],
    ['a newline', 'a\nb.txt', 'refused', /line break or control character/],
    ['a name that was not UTF-8', 'caf\ufffd.txt', 'refused', /not valid UTF-8/],
    ['6,000 UTF-8 bytes', `${'é'.repeat(3000)}.txt`, 'refused', /6004 bytes long, over the 4096 allowed/],
    ['5,000 characters', `${'x'.repeat(5000)}.txt`, 'invalid-argument', /4096/]
  ])('refuses to read a document id with %s through the API, saying why', async (_, id, code, message) => {
    const auth = { host, 'x-spanmark-token': shell.token, origin: `http://${host}` }
    const reply = JSON.parse(
      (await send(shell, '/api/readDocument', auth, JSON.stringify([{ id }]))).body
    ) as { ok: boolean; error: { code: string; message: string } }
    expect(reply).toMatchObject({ ok: false, error: { code } })
    expect(reply.error.message).toMatch(message)
  })

  it('reads many documents in one request, each in order with its own result', async () => {
    const auth = { host, 'x-spanmark-token': shell.token, origin: `http://${host}` }
    const ids = ['doc.txt', '../outside.txt', 'missing.txt', 'doc.txt']
    const reply = JSON.parse(
      (await send(shell, '/api/readDocuments', auth, JSON.stringify([{ ids }]))).body
    ) as {
      ok: true
      value: { ok: boolean; value?: { id: string; text: string }; error?: { code: string } }[]
    }
    expect(reply.ok).toBe(true)
    expect(reply.value.map((r) => (r.ok ? r.value!.text : r.error!.code))).toEqual([
      'hello',
      'outside-corpus',
      'not-found',
      'hello'
    ])
    const tooMany = JSON.stringify([{ ids: Array.from({ length: 1001 }, () => 'doc.txt') }])
    expect(JSON.parse((await send(shell, '/api/readDocuments', auth, tooMany)).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' }
    })
  })

  it('serves no file outside the renderer folder', async () => {
    const auth = { host, 'x-spanmark-token': shell.token }
    expect((await send(shell, '/../../etc/passwd', auth)).status).toBe(404)
    expect((await send(shell, '/%2e%2e/%2e%2e/etc/passwd', auth)).status).toBe(404)
    expect((await send(shell, '/%E0%A4%A', auth)).status).toBe(404)
  })

  it('accepts only its own loopback names with its own port', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true)
    expect(isAllowedHost('localhost:4000', 4000)).toBe(true)
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false)
    expect(isAllowedHost(undefined, 4000)).toBe(false)
  })
})
