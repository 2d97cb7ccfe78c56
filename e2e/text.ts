import type { Page } from '@playwright/test'

/** Code point offsets of `part` in `text` (its first occurrence), as Python would count them. */
export function codePointRange(text: string, part: string): { start: number; end: number } {
  const at = text.indexOf(part)
  if (at < 0) throw new Error(`"${part}" is not in the text`)
  const start = Array.from(text.slice(0, at)).length
  return { start, end: start + Array.from(part).length }
}

/** Selects code points [start, end) of doc-text with a DOM range, as a mouse drag would. */
export async function selectCodePoints(page: Page, start: number, end: number): Promise<void> {
  await page.getByTestId('doc-text').evaluate(
    (root, [start, end]) => {
      const text = root.textContent ?? ''
      const toUtf16 = (cp: number): number => Array.from(text).slice(0, cp).join('').length
      const point = (target: number): [Node, number] => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        let seen = 0
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = (node as Text).length
          if (target <= seen + length) return [node, target - seen]
          seen += length
        }
        return [root, root.childNodes.length]
      }
      const range = document.createRange()
      range.setStart(...point(toUtf16(start)))
      range.setEnd(...point(toUtf16(end)))
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
    },
    [start, end] as const
  )
}

export type SpanAttrs = { id: string; label: string; start: number; end: number }

/** Every span drawn in doc-text, from its data attributes, in document order. */
export async function drawnSpans(page: Page): Promise<SpanAttrs[]> {
  return page.getByTestId('span').evaluateAll((marks) =>
    marks.map((mark) => ({
      id: mark.getAttribute('data-span-id') ?? '',
      label: mark.getAttribute('data-label') ?? '',
      start: Number(mark.getAttribute('data-start')),
      end: Number(mark.getAttribute('data-end'))
    }))
  )
}
