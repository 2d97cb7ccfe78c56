import { test as base, chromium, _electron, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs'
import { electronBinary } from '../scripts/electron-binary.mjs'
import { browserSteps, desktopSteps, type TransferSteps } from './transfer-steps'

export type Shell = 'browser' | 'electron'
export type ShellOptions = { shell: Shell }

export const ROOT = path.resolve(__dirname, '..')
export const SAMPLE_CORPUS = path.join(ROOT, 'resources/pompeo-kim-2018')
const MAIN_JS = path.join(ROOT, 'out/main/index.js')
const SERVE_JS = path.join(ROOT, 'out/main/serve.js')

export type LaunchOptions = {
  corpus?: string
  /** Reuse a profile (and, in the browser shell, its port: storage is per origin) to relaunch. */
  profile?: string
  port?: number
}

export type App = TransferSteps & {
  page: Page
  profile: string
  port: number
  /** SIGKILLs the app's processes, as a crash or a killed task would; resolves once they are all dead. */
  kill: () => Promise<void>
}

export type AppFixtures = {
  /** Starts the app on a corpus, with a fresh profile unless one is given. */
  launch: (options?: LaunchOptions) => Promise<App>
}

/** Starts `serve.js` and resolves with the URL it prints. */
function startServer(
  corpus: string,
  port: number
): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [SERVE_JS, `--corpus=${corpus}`, `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolve, reject) => {
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /^Spanmark listening on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=\w+)$/.exec(line)
      if (match?.[1]) resolve({ child, url: match[1], port: Number(match[2]) })
    })
  })
}

/** A process's parent and state from /proc/<pid>/stat, or undefined once it is gone. */
function procStat(pid: number): { ppid: number; state: string } | undefined {
  try {
    // "pid (name) state ppid …": the name may hold spaces and parentheses, so read from the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { ppid: Number(ppid), state: state! }
  } catch {
    return undefined
  }
}

const pids = (): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)

/**
 * SIGKILLs processes and every process they started (Linux /proc), as a crash would, and waits until
 * all are dead. Killing the browser process alone would leave its children (Chromium's storage
 * service, which holds IndexedDB, among them) running on until they notice, while the next launch
 * opens the same profile.
 */
async function killTree(roots: number[]): Promise<void> {
  const tree = new Set(roots)
  for (let grew = true; grew;) {
    grew = false
    for (const pid of pids())
      if (!tree.has(pid) && tree.has(procStat(pid)?.ppid ?? -1)) {
        tree.add(pid)
        grew = true
      }
  }
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // It ended while we looked.
    }
  }
  const dead = (pid: number): boolean => ['Z', 'X', undefined].includes(procStat(pid)?.state)
  for (let waited = 0; ![...tree].every(dead); waited += 20) {
    if (waited > 10_000)
      throw new Error(`still alive after SIGKILL: ${[...tree].filter((p) => !dead(p)).join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The processes whose command line holds `marker` as one of its arguments. */
const processesWith = (marker: string): number[] =>
  pids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker)
    } catch {
      return false
    }
  })

const quietly = async (cleanup: () => Promise<unknown>): Promise<void> => {
  await cleanup().catch(() => undefined)
}

export const test = base.extend<ShellOptions & AppFixtures>({
  shell: ['browser', { option: true }],
  launch: async ({ shell }, use) => {
    const cleanups: (() => Promise<unknown>)[] = []
    const violations: string[] = []
    /** Every page the suite drives runs under the app's CSP: any violation fails the test. */
    const watch = (page: Page): Page => {
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
      })
      return page
    }
    const launch = async (options: LaunchOptions = {}): Promise<App> => {
      const corpus = options.corpus ?? SAMPLE_CORPUS
      const profile = options.profile ?? (await mkdtemp(path.join(tmpdir(), 'spanmark-profile-')))
      if (!options.profile) cleanups.push(() => rm(profile, { recursive: true, force: true }))
      if (shell === 'electron') {
        const executablePath = electronBinary(ROOT)
        base.skip(
          !executablePath,
          'Electron binary not installed on this machine (its download host is unreachable); the browser project runs this test'
        )
        const app = await _electron.launch({
          executablePath,
          args: [MAIN_JS, `--corpus=${corpus}`, `--user-data-dir=${profile}`]
        })
        cleanups.unshift(() => app.close())
        const page = watch(await app.firstWindow())
        return {
          page,
          profile,
          port: 0,
          kill: () => killTree([app.process().pid!]),
          ...desktopSteps(page, app)
        }
      }
      if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`)
      const server = await startServer(corpus, options.port ?? 0)
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        acceptDownloads: true
      })
      cleanups.unshift(
        () => context.close(),
        () => Promise.resolve(server.child.kill())
      )
      const page = watch(context.pages()[0] ?? (await context.newPage()))
      await page.goto(server.url)
      // Playwright starts Chromium with this profile on its command line: kill that browser and all it started.
      const kill = async (): Promise<void> => {
        await killTree([...processesWith(`--user-data-dir=${profile}`), server.child.pid!])
        // A killed Chromium leaves behind the folder of its singleton socket, which the profile links to.
        const socket = await readlink(path.join(profile, 'SingletonSocket')).catch(() => undefined)
        const folder = socket && path.dirname(socket)
        if (folder && /^org\.chromium\.Chromium\./.test(path.basename(folder)))
          await rm(folder, { recursive: true, force: true })
      }
      return { page, profile, port: server.port, kill, ...browserSteps(page) }
    }
    await use(launch)
    for (const cleanup of cleanups) await quietly(cleanup)
    base.expect(violations, 'Content Security Policy violations').toEqual([])
  }
})

export { expect } from '@playwright/test'
