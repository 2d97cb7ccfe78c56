import type { Decision } from '../../../shared/review'
import { isFormField } from './commands'
import { review } from './review.svelte'

const DECISIONS: Record<string, Decision> = { a: 'accept-theirs', k: 'keep-mine', r: 'reject' }

/** Review mode's keys; returns true when the key was used. */
export function handleReviewKey(event: KeyboardEvent): boolean {
  if (!review.open || isFormField(event.target) || document.querySelector('[aria-modal="true"]')) return false
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.toLowerCase()
  if (mod && key === 'z' && !event.shiftKey) {
    // The last review decision first; with none left, undo falls through to annotations.
    if (!review.canUndo) return false
    void review.undo()
    return true
  }
  if (mod || event.altKey) return false
  if (key === 'n' || event.key === 'ArrowDown' || key === 'j') review.step(1)
  else if (key === 'p' || event.key === 'ArrowUp') review.step(-1)
  else if (DECISIONS[key]) void review.decide(DECISIONS[key])
  else return false
  return true
}
