/** Errors cross the process boundary as values, so the UI can show them. */
export type ApiError = { code: ApiErrorCode; message: string }

export type ApiErrorCode =
  'invalid-argument' | 'outside-corpus' | 'not-found' | 'refused' | 'unsupported' | 'cancelled' | 'internal'

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export const fail = <T = never>(code: ApiErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message }
})
