const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** How many ids one draw of random bytes serves. */
const BATCH = 4096

/**
 * Random (version 4) UUIDs, many at a time: one call for the random bytes of 4,096 ids instead of one
 * per id, which is what an import of a million spans would otherwise spend most of its time on.
 */
export function uuidSource(
  random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b)
): () => string {
  const bytes = new Uint8Array(16 * BATCH)
  let next = BATCH
  return () => {
    if (next === BATCH) {
      random(bytes)
      next = 0
    }
    const b = bytes.subarray(16 * next, 16 * ++next)
    b[6] = (b[6]! & 0x0f) | 0x40
    b[8] = (b[8]! & 0x3f) | 0x80
    const h = (i: number): string => HEX[b[i]!]!
    return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`
  }
}
