import type * as v from '@badrap/valita'
import { check } from '../schema'
import { ImportError } from './model'

/** The 1-based line of a character position in a text. */
export const lineAt = (text: string, position: number): number => text.slice(0, position).split('\n').length

/** JSON.parse, with a syntax error turned into an ImportError naming the line. */
export function parseJson(text: string, file: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const position = /position (\d+)/.exec(message)
    // A JSONL line is parsed alone: its own line 1 is the file's line `lineOffset`.
    const base = lineOffset ? lineOffset - 1 : 0
    const line = position ? lineAt(text, Number(position[1])) + base : lineOffset || undefined
    throw new ImportError(file, line, `not valid JSON (${message})`)
  }
}

/**
 * Validates against a schema, naming the first problem and its path. Keys the schema does not name
 * are let through unread: other tools add their own fields to these formats.
 */
export function validate<T>(schema: v.Type<T>, value: unknown, file: string, line?: number): T {
  const checked = check(schema, value, 'passthrough')
  if (checked.ok) return checked.value
  throw new ImportError(file, line, checked.problem)
}
