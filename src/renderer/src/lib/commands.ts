import { annotations } from './annotations.svelte'
import { selectionInside } from './render-spans'

const docText = (): HTMLElement | null => document.querySelector<HTMLElement>('[data-testid="doc-text"]')

/** Tags the selected text with `label`, or relabels the selected span when no text is selected. */
export function applyLabel(label: string): void {
  const root = docText()
  const selection = root ? selectionInside(root) : undefined
  if (selection) {
    if (annotations.create(label, selection.start, selection.end)) window.getSelection()?.removeAllRanges()
  } else if (annotations.selectedId) {
    annotations.update(annotations.selectedId, { label })
  }
}

const isFormField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  target.matches('input, textarea, select, [contenteditable="true"]:not([data-testid="doc-text"])')

/** The annotation keyboard map; returns true when the key was used. */
export function handleAnnotationKey(event: KeyboardEvent): boolean {
  if (isFormField(event.target)) return false
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
