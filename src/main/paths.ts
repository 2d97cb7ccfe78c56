import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * The app's root folder: the nearest folder above the built code that holds
 * package.json. The bundler may place this module in a shared chunk, so
 * `__dirname` alone does not say how deep it sits.
 */
function appRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`Spanmark: no package.json above ${__dirname}`)
  }
}

export const rendererDir = (): string => path.join(appRoot(), 'out/renderer')

export const preloadFile = (): string => path.join(appRoot(), 'out/preload/index.js')

export const sampleCorpusDir = (): string => path.join(appRoot(), 'resources/pompeo-kim-2018')

/** `--name=value` from a command line, or undefined. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`
  const arg = argv.find((a) => a.startsWith(prefix))
  return arg === undefined ? undefined : arg.slice(prefix.length)
}
