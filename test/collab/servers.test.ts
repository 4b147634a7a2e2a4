import { describe, expect, it } from 'vitest'
import { SettingsSchema } from '../../core/host/api.js'
import { formatIceServers, parseIceServers, parseSignalingServers } from '../../core/collab/servers.js'

describe('co-editing servers in settings', () => {
  it('reads signaling servers one per line, as settings accept them', () => {
    const urls = parseSignalingServers('ws://127.0.0.1:4444\n\n  wss://signal.example.org  \n# a comment\n')
    expect(urls).toEqual(['ws://127.0.0.1:4444/', 'wss://signal.example.org/'])
    expect(SettingsSchema.shape.signalingUrls.safeParse(urls).success).toBe(true)
    expect(parseSignalingServers('')).toEqual([])
  })

  it('says which signaling line is wrong and why', () => {
    expect(() => parseSignalingServers('ws://ok:1\nhttp://web.example.org')).toThrow(/signaling servers:2: "http:\/\/web\.example\.org" must start with ws:\/\/ or wss:\/\//)
    expect(() => parseSignalingServers('not an address')).toThrow(/signaling servers:1: "not an address" is not an address/)
    expect(() => parseSignalingServers(Array.from({ length: 11 }, (_, i) => `ws://h${i}:1`).join('\n'))).toThrow(/:11: at most 10 servers/)
  })

  it('reads STUN and TURN servers and writes them back the same way', () => {
    const text = 'stun:stun.example.org:3478\nturn:turn.example.org:3478?transport=tcp alice s3cret'
    const servers = parseIceServers(text)
    expect(servers).toEqual([{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org:3478?transport=tcp', username: 'alice', credential: 's3cret' }])
    expect(SettingsSchema.shape.iceServers.safeParse(servers).success).toBe(true)
    expect(formatIceServers(servers)).toBe(text)
  })

  it('says which ICE line is wrong and why', () => {
    expect(() => parseIceServers('turn:turn.example.org:3478')).toThrow(/ICE servers:1: a TURN server needs a user name and a credential/)
    expect(() => parseIceServers('stun:a:1\nhttps://x')).toThrow(/ICE servers:2: "https:\/\/x" is not a STUN or TURN address/)
    expect(() => parseIceServers('stun:a:1 user')).toThrow(/a STUN server takes no user name/)
    expect(() => parseIceServers('turn:a:1 u c extra')).toThrow(/separated by spaces/)
  })
})
