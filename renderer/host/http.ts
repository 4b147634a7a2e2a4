import { HOST_METHODS, HostErrorSchema, HostResponses, type HostApi, type HostMethod, type HostRequest, type HostResponse } from '../../core/host/api.js'
import { BYTES_WIRE_TYPE, bytesWireParts } from '../../core/host/bytes-wire.js'
import { decodeWire } from './wire.js'

/** Header that carries the browser-mode session token on every API request. */
export const TOKEN_HEADER = 'X-MLDoc-Token'

/**
 * The host API over HTTP to the browser-mode host (`mldoc web`): `POST /api/<method>` with the
 * request as JSON (one with bytes in `core/host/bytes-wire.ts`'s form), the session token in a
 * header, the response checked against its schema.
 */
export function httpHost(token: string, base = ''): HostApi {
  async function call<M extends HostMethod>(method: M, request: HostRequest<M>): Promise<HostResponse<M>> {
    // Bytes (a document's state) travel as bytes; a request without any, as its JSON part alone.
    const parts = bytesWireParts(request) as Uint8Array<ArrayBuffer>[]
    const withBytes = parts.length > 2
    const response = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': withBytes ? BYTES_WIRE_TYPE : 'application/json', [TOKEN_HEADER]: token },
      body: withBytes ? new Blob(parts) : parts[1],
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
