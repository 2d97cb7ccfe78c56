import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The Electron binary under `root`'s node_modules, or undefined when it was
 * never downloaded. `require('electron')` is not used: it starts a download.
 */
export function electronBinary(root) {
  const dir = path.join(root, 'node_modules/electron')
  try {
    const binary = path.join(dir, 'dist', readFileSync(path.join(dir, 'path.txt'), 'utf8').trim())
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}
