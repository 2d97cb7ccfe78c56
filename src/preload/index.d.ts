import type { SpanmarkApi } from '../shared/api'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    spanmark?: SpanmarkApi
  }
}

export {}
