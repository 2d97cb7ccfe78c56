import type { SpanmarkApi } from '../../../shared/api'
import { CHANNELS, type Channel } from '../../../shared/channels'
import { fail, type Result } from '../../../shared/result'

/** The browser shell's transport: each channel is a POST to /api/<channel>, token in a header. */
function httpApi(token: string | null): SpanmarkApi {
  const call =
    (channel: Channel) =>
    async (...args: unknown[]): Promise<Result<unknown>> => {
      try {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { 'x-spanmark-token': token } : {}) },
          body: JSON.stringify(args)
        })
        if (!response.ok) return fail('refused', `${channel}: ${response.status} ${await response.text()}`)
        return (await response.json()) as Result<unknown>
      } catch (error) {
        return fail(
          'internal',
          `${channel}: the Spanmark server did not answer (${(error as Error).message})`
        )
      }
    }
  return Object.fromEntries(CHANNELS.map((channel) => [channel, call(channel)])) as unknown as SpanmarkApi
}

export const api: SpanmarkApi = window.spanmark ?? httpApi(new URLSearchParams(location.search).get('token'))
