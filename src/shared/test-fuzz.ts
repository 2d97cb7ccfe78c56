import fc from 'fast-check'

/** How many random cases each property runs: FUZZ_RUNS=10000 npm run test:unit for the long mode. */
export const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000)

/** Characters that break naive offset code: astral, flags, ZWJ, combining marks, CR/LF, NBSP, RTL, CJK. */
const tricky = fc.constantFrom(
  'a',
  ' ',
  '\r\n',
  '\n',
  '\r',
  '\u00a0',
  '\u200b',
  '\u200d',
  'e\u0301',
  '👍',
  '🇺🇸',
  '👩‍👩‍👧',
  'ש',
  '中',
  '\ud800',
  '\udc00',
  '"',
  '\\',
  '\t'
)
export const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join(''))
)
