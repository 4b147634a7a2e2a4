import { HOST_METHODS, HostErrorSchema, HostResponses, type HostApi, type HostMethod, type HostRequest, type HostResponse } from '../../core/host/api.js'
import { decodeWire, encodeWire } from './wire.js'

/** Header that carries the browser-mode session token on every API request. */
export const TOKEN_HEADER = 'X-MLDoc-Token'

/**
 * The host API over HTTP to the browser-mode host (`mldoc web`): `POST /api/<method>` with the
 * request as JSON, the session token in a header, the response checked against its schema.
 */
export function httpHost(token: string, base = ''): HostApi {
  async function call<M extends HostMethod>(method: M, request: HostRequest<M>): Promise<HostResponse<M>> {
    const response = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: await encodeWire(request),
    })
    const text = await response.text()
    let body: unknown
    try {
      body = decodeWire(text)
    } catch {
      throw new Error(`The MLDoc host answered ${method} with something that is not JSON (HTTP ${response.status}).`)
    }
    if (!response.ok) {
      const error = HostErrorSchema.safeParse(body)
      throw new Error(error.success ? error.data.error : `The MLDoc host refused ${method} (HTTP ${response.status}).`)
    }
    return HostResponses[method].parse(body) as HostResponse<M>
  }
  return Object.fromEntries(HOST_METHODS.map((method) => [method, (request: never) => call(method, request)])) as HostApi
}
