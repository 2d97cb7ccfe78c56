// Places in the drawn text as DOM points, and the selection in it.

/** A place in the DOM: a node and an offset in it. */
export type Point = readonly [Node, number]

/** The DOM point `offset` UTF-16 units into an element's text. */
export function pointAt(element: HTMLElement, offset: number): Point {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  let seen = 0
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = (node as Text).length
    if (offset <= seen + length) return [node, offset - seen]
    seen += length
  }
  return [element, element.childNodes.length]
}

/** The UTF-16 offset of a DOM point in an element's text. */
export function textOffset(element: Node, node: Node, offset: number): number {
  const range = document.createRange()
  range.setStart(element, 0)
  range.setEnd(node, offset)
  return range.toString().length
}

/**
 * Runs `change` on an element's children, then puts back the selection's ends that lay in them, by
 * their offset in its text: a text node replaced takes the ends in it along.
 */
export function keepingSelection(
  selection: Selection | null,
  element: HTMLElement,
  change: () => void
): void {
  if (!selection || selection.rangeCount === 0) return change()
  const ends: Point[] = [
    [selection.anchorNode!, selection.anchorOffset],
    [selection.focusNode!, selection.focusOffset]
  ]
  const inside = ends.map(([node]) => element.contains(node))
  if (!inside.includes(true)) return change()
  const offsets = ends.map((end, i) => (inside[i] ? textOffset(element, ...end) : end))
  change()
  const [anchor, focus] = offsets.map((end) => (typeof end === 'number' ? pointAt(element, end) : end))
  selection.setBaseAndExtent(anchor![0], anchor![1], focus![0], focus![1])
}

/** The current selection inside the drawn text as UTF-16 offsets, or undefined if there is none there. */
export function selectionInside(
  root: HTMLElement,
  renderer: { offsetOf: (node: Node, offset: number) => number }
): { start: number; end: number } | undefined {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined
  const range = selection.getRangeAt(0)
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return undefined
  return {
    start: renderer.offsetOf(range.startContainer, range.startOffset),
    end: renderer.offsetOf(range.endContainer, range.endOffset)
  }
}
