import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as v from '@badrap/valita'
import { check } from '../shared/schema'

const settingsSchema = v.object({ lastCorpus: v.string().optional() })
export type Settings = v.Infer<typeof settingsSchema>

const FILE = 'spanmark-settings.json'

/** Settings kept in the app's data folder; a missing or damaged file reads as no settings. */
export function readSettings(dataDir: string): Settings {
  try {
    const checked = check(settingsSchema, JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8')), 'strip')
    return checked.ok ? checked.value : {}
  } catch {
    return {}
  }
}

export function writeSettings(dataDir: string, settings: Settings): void {
  mkdirSync(dataDir, { recursive: true })
  const target = path.join(dataDir, FILE)
  const temp = `${target}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(settings, null, 2))
  renameSync(temp, target)
}

/** SPEC 7: `--corpus` wins; otherwise the last corpus; on a first run, the sample. */
export function startupCorpus(argCorpus: string | undefined, settings: Settings, sample: string): string {
  return argCorpus ?? settings.lastCorpus ?? sample
}
