import { describe, expect, it } from 'vitest'
import { MLDocError } from '../../core/errors.js'
import { formatInvite, parseInvite, type RoomInvite } from '../../core/collab/invite.js'
import { newRoomId, newRoomSecret, randomToken } from '../../core/collab/random.js'

const webrtc: RoomInvite = {
  room: 'Zm9vYmFyYmF6cXV4',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ',
  transport: 'webrtc',
  signaling: ['ws://127.0.0.1:4444/', 'wss://signal.example.org/'],
}

function failure(text: string): string {
  try {
    parseInvite(text)
  } catch (error) {
    expect(error).toBeInstanceOf(MLDocError)
    return (error as Error).message
  }
  throw new Error(`"${text}" was accepted`)
}

describe('invite links', () => {
  it('formats the agreed link, with signal repeated and URL-encoded', () => {
    expect(formatInvite(webrtc)).toBe(
      'mldoc://join?room=Zm9vYmFyYmF6cXV4&secret=c2VjcmV0LXNlY3JldC1zZWNyZXQ' +
        '&signal=ws%3A%2F%2F127.0.0.1%3A4444%2F&signal=wss%3A%2F%2Fsignal.example.org%2F',
    )
  })

  it('reads back what it writes, as a link, a browser address and a bare route', () => {
    expect(parseInvite(formatInvite(webrtc))).toEqual(webrtc)
    expect(parseInvite(`  <${formatInvite(webrtc)}>\n`)).toEqual(webrtc)
    expect(parseInvite(`http://127.0.0.1:5173/#/join?${formatInvite(webrtc).split('?')[1]}`)).toEqual(webrtc)
    expect(parseInvite(`#/join?${formatInvite(webrtc).split('?')[1]}`)).toEqual(webrtc)
  })

  it('has a relay variant without signaling servers', () => {
    const relay: RoomInvite = { room: webrtc.room, secret: webrtc.secret, transport: 'relay', relay: 'ws://127.0.0.1:1234/', relayProtocol: 'y-websocket' }
    expect(formatInvite(relay)).toBe(`mldoc://join?room=${webrtc.room}&secret=${webrtc.secret}&relay=ws%3A%2F%2F127.0.0.1%3A1234%2F`)
    expect(parseInvite(formatInvite(relay))).toEqual(relay)
  })

  it('names a Hocuspocus server with hocuspocus= instead of relay=', () => {
    const hocuspocus: RoomInvite = { room: webrtc.room, secret: webrtc.secret, transport: 'relay', relay: 'wss://collab.example.org/mldoc', relayProtocol: 'hocuspocus' }
    expect(formatInvite(hocuspocus)).toBe(`mldoc://join?room=${webrtc.room}&secret=${webrtc.secret}&hocuspocus=wss%3A%2F%2Fcollab.example.org%2Fmldoc`)
    expect(parseInvite(formatInvite(hocuspocus))).toEqual(hocuspocus)
    expect(parseInvite(`#/join?room=${webrtc.room}&secret=${webrtc.secret}&hocuspocus=ws://127.0.0.1:1234`)).toEqual({ ...hocuspocus, relay: 'ws://127.0.0.1:1234/' })
  })

  it('rejects an invite that leaves open which server to use', () => {
    const ok = `room=${webrtc.room}&secret=${webrtc.secret}`
    expect(failure(`mldoc://join?${ok}&relay=ws%3A%2F%2Fa&hocuspocus=ws%3A%2F%2Fb`)).toMatch(/both a y-websocket relay server \(relay=\) and a Hocuspocus server \(hocuspocus=\)/)
    expect(failure(`mldoc://join?${ok}&signal=ws%3A%2F%2Fa&hocuspocus=ws%3A%2F%2Fb`)).toMatch(/both signaling servers and a relay/)
    expect(failure(`mldoc://join?${ok}&hocuspocus=ws%3A%2F%2Fa&hocuspocus=ws%3A%2F%2Fb`)).toMatch(/gives "hocuspocus" more than once/)
    expect(failure(`mldoc://join?${ok}&hocuspocus=https%3A%2F%2Fa`)).toMatch(/the Hocuspocus server "https:\/\/a" must start with ws:\/\/ or wss:\/\//)
    expect(() => formatInvite({ room: webrtc.room, secret: webrtc.secret, transport: 'relay', relay: 'ws://a', relayProtocol: 'socket.io' as 'hocuspocus' })).toThrow(/relay protocol "socket.io" is unknown/)
  })

  it('says what is wrong with a bad invite', () => {
    const ok = `room=${webrtc.room}&secret=${webrtc.secret}`
    expect(failure('')).toMatch(/invite: it is empty/)
    expect(failure('https://example.org/')).toMatch(/not an MLDoc invite/)
    expect(failure(`mldoc://join?secret=${webrtc.secret}&signal=ws://a`)).toMatch(/room id is missing/)
    expect(failure(`mldoc://join?room=${webrtc.room}&signal=ws://a`)).toMatch(/secret is missing/)
    expect(failure(`mldoc://join?${ok}`)).toMatch(/no signaling server .* and no relay server \(relay=ws:\/\/\.\.\. or hocuspocus=ws:\/\/\.\.\.\)/)
    expect(failure(`mldoc://join?${ok}&signal=http%3A%2F%2Fa`)).toMatch(/signaling server "http:\/\/a" must start with ws:\/\/ or wss:\/\//)
    expect(failure(`mldoc://join?${ok}&signal=nonsense`)).toMatch(/signaling server "nonsense" is not an address/)
    expect(failure(`mldoc://join?${ok}&signal=ws%3A%2F%2Fa&relay=ws%3A%2F%2Fb`)).toMatch(/both signaling servers and a relay/)
    expect(failure(`mldoc://join?room=short&secret=${webrtc.secret}&signal=ws%3A%2F%2Fa`)).toMatch(/room id is too short .* cut off/)
    expect(failure(`mldoc://join?room=${webrtc.room}&secret=abc&signal=ws%3A%2F%2Fa`)).toMatch(/secret is too short/)
    expect(failure(`mldoc://join?room=a%20b%20c%20d%20e&secret=${webrtc.secret}&signal=ws%3A%2F%2Fa`)).toMatch(/room id may hold only/)
    expect(failure(`mldoc://join?${ok}&room=${webrtc.room}&signal=ws%3A%2F%2Fa`)).toMatch(/gives "room" more than once/)
    expect(failure(`mldoc://join?${ok}&signal=ws%3A%2F%2Fa&colour=red`)).toMatch(/unknown parts: colour/)
    expect(failure(`mldoc://join?${ok}&signal=ws%3A%2F%2Fuser%3Apw%40a`)).toMatch(/must not carry a user name or password/)
    expect(failure(`mldoc://joinx?${ok}`)).toMatch(/must be mldoc:\/\/join\?room=/)
  })

  it('refuses to write an invite it could not read back', () => {
    expect(() => formatInvite({ ...webrtc, signaling: [] })).toThrow(/no signaling server/)
    expect(() => formatInvite({ ...webrtc, secret: 'x' })).toThrow(/secret is too short/)
  })
})

describe('room ids and secrets', () => {
  it('are fresh random base64url tokens of the stated strength', () => {
    const rooms = new Set(Array.from({ length: 200 }, newRoomId))
    expect(rooms.size).toBe(200)
    for (const room of rooms) expect(room).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(newRoomSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(randomToken(3)).toMatch(/^[A-Za-z0-9_-]{4}$/)
    const invite: RoomInvite = { room: newRoomId(), secret: newRoomSecret(), transport: 'webrtc', signaling: ['ws://127.0.0.1:4444'] }
    expect(parseInvite(formatInvite(invite))).toEqual({ ...invite, signaling: ['ws://127.0.0.1:4444/'] })
  })

  it('use every character of the alphabet, so no bits are wasted', () => {
    const seen = new Set(Array.from({ length: 100 }, () => newRoomSecret()).join(''))
    expect(seen.size).toBe(64)
  })
})
