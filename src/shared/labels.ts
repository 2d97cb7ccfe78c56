import type { LabelDef } from './spans'

const NAME = /^[\p{L}\p{N}_-]{1,40}$/u

/** Why a label set cannot be saved, or undefined when it can. */
export function labelSetProblem(labels: readonly LabelDef[]): string | undefined {
  if (labels.length === 0) return 'Keep at least one label.'
  const names = new Set<string>()
  const keys = new Set<string>()
  for (const label of labels) {
    if (!NAME.test(label.name)) return `"${label.name}" is not a label name: use letters, digits, - or _.`
    if (names.has(label.name)) return `Two labels are named "${label.name}".`
    names.add(label.name)
    if (Array.from(label.key).length !== 1 || label.key.trim() === '')
      return `The key for "${label.name}" must be a single character.`
    if (keys.has(label.key)) return `Two labels use the key "${label.key}".`
    keys.add(label.key)
    if (!/^#[0-9a-fA-F]{6}$/.test(label.color)) return `The colour for "${label.name}" must be like #2f6fdb.`
  }
  return undefined
}
