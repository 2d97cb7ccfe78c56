/**
 * A deliberately naive second implementation of SPEC section 6, written from
 * the definitions alone, to check the figures the app shows.
 */
export type Ref = { docId: string; start: number; end: number; label: string }

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))

function prf(mine: Ref[], theirs: Ref[], match: (a: Ref, b: Ref) => boolean): number {
  const p = theirs.length
    ? theirs.filter((t) => mine.some((m) => match(m, t))).length / theirs.length
    : mine.length
      ? 0
      : 1
  const r = mine.length
    ? mine.filter((m) => theirs.some((t) => match(m, t))).length / mine.length
    : theirs.length
      ? 0
      : 1
  return f1(p, r)
}

export const exactF1 = (mine: Ref[], theirs: Ref[]): number =>
  prf(
    mine,
    theirs,
    (a, b) => a.docId === b.docId && a.start === b.start && a.end === b.end && a.label === b.label
  )

export const overlapF1 = (mine: Ref[], theirs: Ref[]): number =>
  prf(
    mine,
    theirs,
    (a, b) => a.docId === b.docId && a.label === b.label && a.start < b.end && b.start < a.end
  )

export function meanKappa(
  texts: Record<string, string>,
  mine: Ref[],
  theirs: Ref[],
  labels: string[]
): number {
  const kappas = labels.map((label) => {
    const a: number[] = []
    const b: number[] = []
    for (const [docId, text] of Object.entries(texts)) {
      const points = Array.from(text)
      let i = 0
      while (i < points.length) {
        if (!/[\p{L}\p{N}]/u.test(points[i]!)) {
          i++
          continue
        }
        const start = i
        while (i < points.length && /[\p{L}\p{N}]/u.test(points[i]!)) i++
        const covers = (s: Ref): boolean =>
          s.docId === docId && s.label === label && s.start < i && start < s.end
        a.push(mine.some(covers) ? 1 : 0)
        b.push(theirs.some(covers) ? 1 : 0)
      }
    }
    const n = a.length
    const po = a.filter((x, k) => x === b[k]).length / n
    const pa = a.filter(Boolean).length / n
    const pb = b.filter(Boolean).length / n
    const pe = pa * pb + (1 - pa) * (1 - pb)
    return pe === 1 ? (po === 1 ? 1 : 0) : (po - pe) / (1 - pe)
  })
  return kappas.reduce((x, y) => x + y, 0) / kappas.length
}
