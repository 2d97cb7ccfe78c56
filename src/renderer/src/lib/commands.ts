import { annotations } from './annotations.svelte'
import type { DocTextRenderer } from './render-spans'
import { pointAt, selectionInside } from './selection'

let activeRenderer: DocTextRenderer | undefined

/** The renderer drawing the open document, which maps DOM points to text offsets quickly. */
export function setActiveRenderer(renderer: DocTextRenderer | undefined): void {
  activeRenderer = renderer
}

const docText = (): HTMLElement | null => document.querySelector<HTMLElement>('[data-testid="doc-text"]')

/** Tags the selected text with `label`, or relabels the selected span when no text is selected. */
export function applyLabel(label: string): void {
  const root = docText()
  const selection = root && activeRenderer ? selectionInside(root, activeRenderer) : undefined
  if (selection) {
    if (annotations.create(label, selection.start, selection.end)) window.getSelection()?.removeAllRanges()
  } else if (annotations.selectedId) {
    annotations.update(annotations.selectedId, { label })
  }
}

/** Selects code points [start, end) of the open document on screen, ready to be tagged. */
export function revealRange(start: number, end: number): void {
  const root = docText()
  if (!root) return
  const range = document.createRange()
  range.setStart(...pointAt(root, annotations.map.toUtf16(start)))
  range.setEnd(...pointAt(root, annotations.map.toUtf16(end)))
  const selection = window.getSelection()
  selection?.removeAllRanges()
  selection?.addRange(range)
  activeRenderer?.selectionChanged()
  range.startContainer.parentElement?.scrollIntoView({ block: 'center' })
}

export const isFormField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  target.matches('input, textarea, select, [contenteditable="true"]:not([data-testid="doc-text"])')

/** The annotation keyboard map; returns true when the key was used. */
export function handleAnnotationKey(event: KeyboardEvent): boolean {
  if (isFormField(event.target) || document.querySelector('[aria-modal="true"]')) return false
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.toLowerCase()
  if (mod && key === 'z') {
    if (event.shiftKey) annotations.redo()
    else annotations.undo()
    return true
  }
  if (mod && key === 'y') {
    annotations.redo()
    return true
  }
  if (mod || event.altKey || !annotations.docId) return false
  const label = annotations.labels.find((l) => l.key === event.key)
  if (label) {
    applyLabel(label.name)
    return true
  }
  if ((event.key === 'Delete' || event.key === 'Backspace') && annotations.selectedId) {
    annotations.remove(annotations.selectedId)
    return true
  }
  if (event.key === 'Tab' && (event.target === docText() || event.target === document.body)) {
    annotations.selectNext(event.shiftKey ? -1 : 1)
    return true
  }
  if (event.key === 'Escape' && annotations.selectedId) {
    annotations.selectedId = undefined
    return true
  }
  return false
}
