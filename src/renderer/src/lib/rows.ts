/** Rows drawn beyond each edge of the view, so a fast scroll does not show blank rows. */
export const SPARE_ROWS = 15

/**
 * The rows of a list of fixed-height rows to draw: those in view and a few on each side, as the
 * half-open range [first, end). `offset` is how far the view is scrolled past the list's top.
 */
export function visibleRows(
  count: number,
  rowPx: number,
  offset: number,
  viewPx: number
): { first: number; end: number } {
  const first = Math.min(Math.max(0, Math.floor(offset / rowPx) - SPARE_ROWS), Math.max(0, count - 1))
  return { first, end: Math.min(count, first + Math.ceil(viewPx / rowPx) + 2 * SPARE_ROWS) }
}

/** The scroll offset that brings row `index` into a view of `viewPx` now at `offset`, or `offset` if it shows. */
export function scrollToRow(index: number, rowPx: number, offset: number, viewPx: number): number {
  const top = index * rowPx
  if (top < offset) return top
  if (top + rowPx > offset + viewPx) return top + rowPx - viewPx
  return offset
}
