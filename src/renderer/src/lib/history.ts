import type { Span } from '../../../shared/spans'

/** One undoable change to a document's spans: the span before and after (absent = not there). */
export type Change = { before?: Span; after?: Span }

export const invert = (change: Change): Change => ({ before: change.after, after: change.before })

/** Undo and redo stacks per document, kept while the app runs, across document switches. */
export class History {
  private stacks = new Map<string, { undo: Change[]; redo: Change[] }>()

  private of(docId: string): { undo: Change[]; redo: Change[] } {
    let stack = this.stacks.get(docId)
    if (!stack) this.stacks.set(docId, (stack = { undo: [], redo: [] }))
    return stack
  }

  record(docId: string, change: Change): void {
    const stack = this.of(docId)
    stack.undo.push(change)
    stack.redo.length = 0
  }

  /** The change that undoes the last one, moved to the redo stack. */
  undo(docId: string): Change | undefined {
    const stack = this.of(docId)
    const change = stack.undo.pop()
    if (change) stack.redo.push(change)
    return change && invert(change)
  }

  redo(docId: string): Change | undefined {
    const stack = this.of(docId)
    const change = stack.redo.pop()
    if (change) stack.undo.push(change)
    return change
  }

  /** Drops a document's history, when its spans moved under it (the file changed). */
  forget(docId: string): void {
    this.stacks.delete(docId)
  }

  clear(): void {
    this.stacks.clear()
  }
}
