/** Each byte value's two hex digits, as character codes. */
const HEX = new TextEncoder().encode(
  Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')).join('')
)
const DASH = 0x2d

/** How many ids one draw of random bytes serves. */
const BATCH = 4096
/** Characters in one id. */
const LENGTH = 36

/**
 * Random (version 4) UUIDs, many at a time. One call draws the random bytes of 4,096 ids and spells
 * them all into one string, which each id is then a slice of. An id built from pieces instead (a
 * template of 20 parts) is a tree of about 20 string nodes until it is copied flat: a million of them,
 * held until an import stores them, took 490 MB of heap and 1.7 s to make, against 77 MB and 0.4 s.
 */
export function uuidSource(
  random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b)
): () => string {
  const bytes = new Uint8Array(16 * BATCH)
  const chars = new Uint8Array(LENGTH * BATCH)
  const ascii = new TextDecoder('latin1')
  let spelled = ''
  let next = BATCH
  const spell = (): void => {
    random(bytes)
    let at = 0
    for (let b = 0; b < bytes.length; b += 16) {
      bytes[b + 6] = (bytes[b + 6]! & 0x0f) | 0x40
      bytes[b + 8] = (bytes[b + 8]! & 0x3f) | 0x80
      for (let i = 0; i < 16; i++) {
        if (i === 4 || i === 6 || i === 8 || i === 10) chars[at++] = DASH
        const digits = 2 * bytes[b + i]!
        chars[at++] = HEX[digits]!
        chars[at++] = HEX[digits + 1]!
      }
    }
    spelled = ascii.decode(chars)
  }
  return () => {
    if (next === BATCH) {
      spell()
      next = 0
    }
    const at = LENGTH * next++
    return spelled.slice(at, at + LENGTH)
  }
}
