/** The kind of ICE candidate a WebRTC connection uses, read from `RTCPeerConnection.getStats()`. */

/** ICE candidate types: a local address, one seen through STUN (server or peer reflexive), or a TURN relay. */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay'

/** The candidate pair a WebRTC connection uses. */
export interface SelectedPair {
  readonly local: CandidateType | null
  readonly remote: CandidateType | null
  /** Round-trip time in milliseconds, when the browser measured it. */
  readonly roundTripMs: number | null
}

type Stat = Record<string, unknown> & { id?: unknown; type?: unknown }

function candidateType(value: unknown): CandidateType | null {
  return value === 'host' || value === 'srflx' || value === 'prflx' || value === 'relay' ? value : null
}

/**
 * The pair in use, from the values of a stats report (`[...(await pc.getStats()).values()]`):
 * the transport's selected pair (Chromium), else the nominated succeeded pair (node-datachannel).
 */
export function selectedPair(stats: Iterable<unknown>): SelectedPair | null {
  const byId = new Map<unknown, Stat>()
  for (const stat of stats) if (typeof stat === 'object' && stat !== null) byId.set((stat as Stat).id, stat as Stat)
  const all = [...byId.values()]
  const transportPair = all.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string')?.selectedCandidatePairId
  const pair = (transportPair !== undefined ? byId.get(transportPair) : undefined)
    ?? all.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated === true)
  if (!pair) return null
  const rtt = typeof pair.currentRoundTripTime === 'number' ? Math.round(pair.currentRoundTripTime * 1000) : null
  return {
    local: candidateType(byId.get(pair.localCandidateId)?.candidateType),
    remote: candidateType(byId.get(pair.remoteCandidateId)?.candidateType),
    roundTripMs: rtt,
  }
}
