import type { Span } from '../../../shared/spans'

/** One undoable change to a document's spans: the span before and after (absent = not there). */
export type Change = { before?: Span; after?: Span }

export type Step = 'record' | 'undo' | 'redo'

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

  /** The last change, moved to the redo stack: apply its `invert` to undo it. */
  undo(docId: string): Change | undefined {
    const stack = this.of(docId)
    const change = stack.undo.pop()
    if (change) stack.redo.push(change)
    return change
  }

  redo(docId: string): Change | undefined {
    const stack = this.of(docId)
    const change = stack.redo.pop()
    if (change) stack.undo.push(change)
    return change
  }

  /**
   * Takes back what `record`, `undo` or `redo` did with `change` when storing it failed, so that undo
   * never replays a change that did not happen and never skips one that did.
   */
  revert(docId: string, change: Change, step: Step): void {
    const { undo, redo } = this.of(docId)
    const [from, to] = step === 'undo' ? [redo, undo] : [undo, redo]
    const at = from.lastIndexOf(change)
    if (at === -1) return
    from.splice(at, 1)
    if (step !== 'record') to.push(change)
  }

  /** Drops a document's history, when its spans moved under it (the file changed). */
  forget(docId: string): void {
    this.stacks.delete(docId)
  }

  clear(): void {
    this.stacks.clear()
  }
}
