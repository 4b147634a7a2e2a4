import { describe, expect, it } from 'vitest'
import { localAwarenessUser, MAX_USER_NAME, remoteAwarenessUser } from '../../core/collab/awareness.js'

describe('awareness user', () => {
  it('publishes the name and colour from settings', () => {
    expect(localAwarenessUser({ userName: '  Dilnoza ', userColor: '#AABBCC' }, 7)).toEqual({ name: 'Dilnoza', color: '#aabbcc' })
  })

  it('names a person without a name after their client id', () => {
    expect(localAwarenessUser({ userName: '', userColor: 'red' }, 123456)).toEqual({ name: 'Guest 456', color: expect.stringMatching(/^#[0-9a-f]{6}$/) })
  })

  it('cleans what a remote peer claims before it is shown', () => {
    expect(remoteAwarenessUser({ user: { name: 'Eve\u202e\u0007', color: 'url(javascript:x)' } }, 1)).toEqual({ name: 'Eve', color: expect.stringMatching(/^#[0-9a-f]{6}$/) })
    expect(remoteAwarenessUser({ user: { name: 'x'.repeat(5000), color: '#000000' } }, 1)!.name).toHaveLength(MAX_USER_NAME)
    expect(remoteAwarenessUser({ user: { name: 42 } }, 1)).toBeNull()
    expect(remoteAwarenessUser(null, 1)).toBeNull()
    expect(remoteAwarenessUser({ cursor: {} }, 1)).toBeNull()
  })
})
