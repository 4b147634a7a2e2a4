import { describe, expect, it } from 'vitest'
import { selectedPair } from '../../core/collab/connection.js'
import { describeCandidates, explainRoom, SLOW_CONNECT_MS, type RoomPicture } from '../../core/collab/explain.js'

const room = (change: Partial<RoomPicture>): RoomPicture => ({
  transport: 'webrtc', signaling: [{ url: 'ws://127.0.0.1:4444/', connected: true }], relay: null, peers: [],
  ice: { stun: false, turn: false }, wrongSecret: false, unansweredOthers: 0, droppedUpdates: 0, ...change,
})
const texts = (picture: RoomPicture) => explainRoom(picture).map((n) => `${n.kind}: ${n.text.en}`)

describe('peers panel explanations', () => {
  it('say plainly what is wrong and what to do', () => {
    expect(texts(room({ transport: null }))).toEqual(['info: Only you are editing this document. Share it to edit it together.'])
    expect(texts(room({}))).toEqual(['info: Connected to the signaling server; waiting for others to open the invite.'])
    expect(texts(room({ signaling: [{ url: 'ws://10.0.0.5:4444/', connected: false }] }))[0]).toMatch(/^problem: Cannot reach the signaling server \(ws:\/\/10\.0\.0\.5:4444\/\).*mldoc signal/)
    const stuck = { link: 'connecting' as const, connectingForMs: SLOW_CONNECT_MS, candidates: null }
    expect(texts(room({ peers: [stuck] }))[0]).toMatch(/cannot connect directly\. No STUN or TURN server is configured/)
    expect(texts(room({ peers: [stuck], ice: { stun: true, turn: false } }))[0]).toMatch(/No TURN server is configured; you may be behind different NATs/)
    expect(texts(room({ peers: [{ ...stuck, connectingForMs: 500 }] }))).toEqual([])
    expect(texts(room({ peers: [{ link: 'connected', connectingForMs: 0, candidates: { local: 'host', remote: 'host' } }] }))).toEqual(['info: Connected directly (WebRTC) to 1 peer(s).'])
    expect(texts(room({ wrongSecret: true }))[0]).toMatch(/^problem: Someone in this room uses a different secret/)
    expect(texts(room({ unansweredOthers: 2 }))[0]).toMatch(/^problem: 2 other\(s\) are in this room .* different secret/)
    expect(texts(room({ droppedUpdates: 3 }))[0]).toMatch(/3 damaged or invalid change\(s\) from peers were ignored; your document is intact/)
    expect(texts(room({ transport: 'relay', relay: { url: 'ws://r:1234', connected: false } }))[0]).toMatch(/Cannot reach the relay server ws:\/\/r:1234/)
    for (const note of explainRoom(room({ wrongSecret: true, droppedUpdates: 1, peers: [stuck] }))) expect(note.text.uz.length).toBeGreaterThan(10)
  })

  it('name the kind of connection from the selected candidate pair', () => {
    const chromiumStats = [
      { id: 'T1', type: 'transport', selectedCandidatePairId: 'P1' },
      { id: 'P0', type: 'candidate-pair', state: 'failed', localCandidateId: 'L0', remoteCandidateId: 'R0' },
      { id: 'P1', type: 'candidate-pair', state: 'succeeded', nominated: true, localCandidateId: 'L1', remoteCandidateId: 'R1', currentRoundTripTime: 0.012 },
      { id: 'L1', type: 'local-candidate', candidateType: 'srflx' },
      { id: 'R1', type: 'remote-candidate', candidateType: 'relay' },
    ]
    expect(selectedPair(chromiumStats)).toEqual({ local: 'srflx', remote: 'relay', roundTripMs: 12 })
    expect(describeCandidates({ local: 'srflx', remote: 'relay' }).en).toBe('relayed through a TURN server')
    expect(describeCandidates({ local: 'srflx', remote: 'host' }).en).toBe('direct, across NATs (found through STUN)')
    expect(describeCandidates({ local: 'host', remote: 'host' }).en).toBe('direct, on the same network')
    expect(selectedPair([{ id: 'P', type: 'candidate-pair', state: 'succeeded', nominated: true, localCandidateId: 'L', remoteCandidateId: 'R' }, { id: 'L', candidateType: 'host' }, { id: 'R', candidateType: 'host' }])).toEqual({ local: 'host', remote: 'host', roundTripMs: null })
    expect(selectedPair([])).toBeNull()
  })
})
