import * as v from '@badrap/valita'

/**
 * Schema checks shared by the imports, the settings file and the API contract, on valita: it checks
 * without compiling code at run time (the app's Content-Security-Policy forbids `eval`), and so checks
 * a million imported spans in a fraction of the time of libraries that fall back to interpreting
 * their schemas when they cannot compile them.
 */

/** A string of `min` to `max` UTF-16 units. */
export const sized = (min: number, max: number): v.Type<string> =>
  v
    .string()
    .assert(
      (s) => s.length >= min && s.length <= max,
      min === 0 ? `expected at most ${max} characters` : `expected ${min} to ${max} characters`
    )

/** A string of at least one character. */
export const nonEmpty: v.Type<string> = v.string().assert((s) => s.length > 0, 'expected some text')

/** A whole number from 0 up, as offsets are. */
export const offset: v.Type<number> = v
  .number()
  .assert((n) => Number.isInteger(n) && n >= 0, 'expected a whole number from 0 up')

type Issue = v.Err['issues'][number]

/**
 * A union's problem, as the problem of the shape it was meant to be: the first whose own problem is
 * not a wrong literal (the kind of thing it names, as a selector's `type`), with its path inside.
 */
function meant(issue: Issue): Issue {
  if (issue.code !== 'invalid_union') return issue
  const inner = issue.issues.find((i) => i.code !== 'invalid_literal')
  return inner ? meant({ ...inner, path: [...issue.path, ...inner.path] }) : issue
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'custom_error':
      return issue.message ?? 'not valid'
    case 'invalid_type':
      return `expected ${issue.expected.join(' or ')}`
    case 'missing_value':
      return 'missing'
    case 'invalid_literal':
      return `expected ${issue.expected.map((value) => JSON.stringify(value)).join(' or ')}`
    case 'unrecognized_keys':
      return `unexpected ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`
    case 'invalid_union':
      return 'matches none of the shapes allowed here'
    case 'invalid_length':
      return issue.maxLength === issue.minLength
        ? `expected ${issue.minLength} items`
        : issue.maxLength === undefined
          ? `expected at least ${issue.minLength} items`
          : `expected ${issue.minLength} to ${issue.maxLength} items`
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string }

/**
 * Checks a value against a schema; on failure, the first problem in words, with where it is
 * (`documents.0.spans.3.start`). Objects refuse keys they do not name unless `mode` says otherwise:
 * 'passthrough' lets them through unread, 'strip' leaves them out of the value returned.
 */
export function check<T>(schema: v.Type<T>, value: unknown, mode?: v.ParseOptions['mode']): Checked<T> {
  const result = schema.try(value, mode ? { mode } : undefined)
  if (result.ok) return { ok: true, value: result.value }
  const issue = meant(result.issues[0]!)
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : ''
  return { ok: false, problem: `${describe(issue)}${where}` }
}
