import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, realpath } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import type { Handlers } from '../shared/api'
import { dispatch } from './dispatch'

/** The header the browser shell's pages also send, besides the cookie, on every API call. */
export const TOKEN_HEADER = 'x-spanmark-token'
const COOKIE = 'spanmark_token'
const MAX_BODY_BYTES = 1024 * 1024

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

export type ShellOptions = { handlers: Handlers; rendererDir: string; port: number; token?: string }

export type RunningShell = {
  server: Server
  url: string
  port: number
  token: string
  close: () => Promise<void>
}

const sameSecret = (given: string | undefined, token: string): boolean =>
  given !== undefined &&
  given.length === token.length &&
  timingSafeEqual(Buffer.from(given), Buffer.from(token))

function cookieToken(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === COOKIE) return value.join('=')
  }
  return undefined
}

/** Only our own names for loopback, with our own port: a DNS-rebound name is refused. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return (
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
  )
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8'
): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store'
  })
  response.end(body)
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  try {
    // A malformed %-escape throws here and is answered like any missing file.
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    const real = await realpath(path.resolve(root, relative))
    if (!real.startsWith((await realpath(root)) + path.sep)) return send(response, 404, 'Not found')
    const type = CONTENT_TYPES[path.extname(real)] ?? 'application/octet-stream'
    response.writeHead(200, {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer'
    })
    response.end(await readFile(real))
  } catch {
    send(response, 404, 'Not found')
  }
}

async function handle(
  options: Required<ShellOptions>,
  request: IncomingMessage,
  response: ServerResponse
): Promise<void> {
  const { port, token } = options
  if (!isAllowedHost(request.headers.host, port))
    return send(response, 403, 'Forbidden: unexpected Host header')
  const origin = request.headers.origin
  if (!isAllowedOrigin(origin, port)) return send(response, 403, 'Forbidden: cross-origin request')
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`)
  const queryToken = url.searchParams.get('token') ?? undefined
  const headerToken = request.headers[TOKEN_HEADER]
  const given =
    queryToken ?? (typeof headerToken === 'string' ? headerToken : undefined) ?? cookieToken(request)
  if (!sameSecret(given, token))
    return send(response, 401, 'Unauthorized: open the URL with its token, as printed')
  if (queryToken) {
    response.setHeader('set-cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`)
  }
  if (url.pathname.startsWith('/api/')) {
    if (request.method !== 'POST') return send(response, 405, 'Method not allowed')
    const body = await readBody(request)
    if (body === undefined) return send(response, 413, 'Request too large')
    let args: unknown
    try {
      args = JSON.parse(body)
    } catch {
      return send(response, 400, 'Request body is not JSON')
    }
    const result = await dispatch(options.handlers, url.pathname.slice('/api/'.length), args)
    return send(response, 200, JSON.stringify(result), 'application/json; charset=utf-8')
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed')
  await serveStatic(options.rendererDir, url.pathname, response)
}

/** The browser shell: the built renderer and the API over HTTP, on 127.0.0.1 only. */
export async function startShell(options: ShellOptions): Promise<RunningShell> {
  const token = options.token ?? randomBytes(24).toString('hex')
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', resolve)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const settings = { ...options, token, port }
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(settings, request, response).catch((error: unknown) => {
      send(response, 500, `Internal error: ${(error as Error).message}`)
    })
  })
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
