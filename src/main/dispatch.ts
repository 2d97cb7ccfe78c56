import { isChannel, parseArgs, type Handlers } from '../shared/api'
import { fail, type Result } from '../shared/result'

/**
 * Validates a call from either transport and runs its handler. A handler that
 * throws becomes an `internal` error result: nothing crosses as an exception.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawArgs: unknown
): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('invalid-argument', `Unknown channel: ${channel}`)
  const args = parseArgs(channel, rawArgs)
  if (!args.ok) return args
  try {
    const handler = handlers[channel] as (...a: unknown[]) => Promise<Result<unknown>>
    return await handler(...args.value)
  } catch (error) {
    return fail('internal', `${channel} failed: ${(error as Error).message}`)
  }
}
