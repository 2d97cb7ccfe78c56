// The chunks a document's text is drawn in: where they are cut, and how tall each is before it is laid out.

/** Chunks are cut at the first line break past this many UTF-16 units: the units of drawing and of layout. */
const CHUNK_UNITS = 4096

/** [start, end) UTF-16 ranges covering the text, each ending after a line break where one comes. */
export function chunkBounds(text: string): [number, number][] {
  const bounds: [number, number][] = []
  let start = 0
  while (start < text.length) {
    const cut = text.indexOf('\n', start + CHUNK_UNITS)
    const end = cut === -1 ? text.length : cut + 1
    bounds.push([start, end])
    start = end
  }
  return bounds
}

/** Line height (px) and characters per line assumed for a chunk not yet laid out. */
const LINE_PX = 38.4
const LINE_CHARS = 95

/** The height a chunk's text will roughly take, so the scroll bar is right before it is laid out. */
export function estimatedHeight(text: string, from: number, to: number): number {
  let lines = 0
  for (let at = from; at < to;) {
    const cut = text.indexOf('\n', at)
    const end = cut === -1 || cut >= to ? to : cut + 1
    lines += Math.max(1, Math.ceil((end - at) / LINE_CHARS))
    at = end
  }
  return Math.round(lines * LINE_PX)
}
