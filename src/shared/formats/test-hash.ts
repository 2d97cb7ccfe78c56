import { createHash } from 'node:crypto'

/** sha256 of a text's UTF-8, as main computes it, for tests. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
