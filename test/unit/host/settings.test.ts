import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, HostResponses, parseHostRequest, SettingsSchema, ShownSettingsSchema } from '../../../core/host/api.js'
import { settingsFromJson } from '../../../electron/main/user-data.js'
import { readSettings, updateSettings } from '../../../node/web/settings.js'

// The hosting settings in the host API's Settings schema, as both hosts check and keep them.

describe('the hosting settings', () => {
  it('are off on port 4444 at first', () => {
    expect(SettingsSchema.parse(DEFAULT_SETTINGS)).toMatchObject({ hostSignaling: false, hostSignalingPort: 4444 })
  })

  it('take a yes/no and a port from 1024 to 65535, and a change naming anything else is refused, naming the setting', () => {
    expect(parseHostRequest('setSettings', { hostSignaling: true, hostSignalingPort: 1024 })).toEqual({ hostSignaling: true, hostSignalingPort: 1024 })
    expect(parseHostRequest('setSettings', { hostSignalingPort: 65535 })).toEqual({ hostSignalingPort: 65535 })
    expect(() => parseHostRequest('setSettings', { hostSignaling: 'yes' })).toThrow(/^invalid setSettings request: hostSignaling: /)
    for (const port of [80, 1023, 65536, 4444.5, '4444', null]) {
      expect(() => parseHostRequest('setSettings', { hostSignalingPort: port }), String(port)).toThrow(/^invalid setSettings request: hostSignalingPort: /)
    }
  })

  it('are never mixed up with what the server is doing: a window cannot set that', () => {
    expect(parseHostRequest('setSettings', { hostSignaling: true, hostedSignaling: { state: 'running', port: 1, url: 'ws://evil/' } })).toEqual({ hostSignaling: true })
  })
})

describe('the settings as the host shows them', () => {
  it('carry what the hosted server does, in the desktop app, and nothing of it in browser mode', () => {
    const running = { ...DEFAULT_SETTINGS, hostedSignaling: { state: 'running', port: 4444, url: 'ws://192.168.1.20:4444' } }
    expect(HostResponses.getSettings.parse(running)).toEqual(running)
    const failed = { ...DEFAULT_SETTINGS, hostedSignaling: { state: 'failed', port: 4444, problem: 'port-in-use', message: 'port 4444 is already in use' } }
    expect(HostResponses.setSettings.parse(failed)).toEqual(failed)
    expect(HostResponses.getSettings.parse({ ...DEFAULT_SETTINGS, hostedSignaling: { state: 'running', port: 4444, url: null } }).hostedSignaling).toEqual({ state: 'running', port: 4444, url: null })
    expect(ShownSettingsSchema.parse(DEFAULT_SETTINGS).hostedSignaling).toBeUndefined()
    expect(ShownSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, hostedSignaling: { state: 'failed', port: 4444, problem: 'on fire', message: '' } }).success).toBe(false)
    expect(ShownSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, hostedSignaling: { state: 'starting' } }).success).toBe(false)
  })
})

describe('stored hosting settings read back', () => {
  const stored = { userName: 'Aziz', hostSignaling: true, hostSignalingPort: 5000 }
  const damaged = { userName: 'Aziz', hostSignaling: 'yes', hostSignalingPort: 80 }

  it('by the desktop app: kept when valid, the default for each that is not, and the default for a file from before they existed', () => {
    expect(settingsFromJson(stored)).toMatchObject(stored)
    expect(settingsFromJson(damaged)).toMatchObject({ userName: 'Aziz', hostSignaling: false, hostSignalingPort: 4444 })
    expect(settingsFromJson({ userName: 'Aziz' })).toMatchObject({ userName: 'Aziz', hostSignaling: false, hostSignalingPort: 4444 })
  })

  it('by browser mode, the same way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mldoc-settings-'))
    try {
      const file = join(dir, 'web-settings.json')
      await writeFile(file, JSON.stringify(stored))
      expect(await readSettings(file)).toMatchObject(stored)
      await writeFile(file, JSON.stringify(damaged))
      expect(await readSettings(file)).toMatchObject({ userName: 'Aziz', hostSignaling: false, hostSignalingPort: 4444 })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('settings changed in quick succession in browser mode', () => {
  it('all land, in order: leaving one field after another never undoes the first change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mldoc-settings-'))
    try {
      const file = join(dir, 'web-settings.json')
      // Not awaited one by one: the Settings dialog saves each field as it is left.
      const results = await Promise.all([
        updateSettings(file, { userName: 'Dilnoza' }),
        updateSettings(file, { signalingUrls: ['ws://10.0.0.5:4444/'] }),
        updateSettings(file, { iceServers: [{ urls: 'stun:stun.example.org:3478' }] }),
        updateSettings(file, { userColor: '#d1242f' }),
        updateSettings(file, { userColor: '#1a7f37' }),
      ])
      const all = { userName: 'Dilnoza', signalingUrls: ['ws://10.0.0.5:4444/'], iceServers: [{ urls: 'stun:stun.example.org:3478' }], userColor: '#1a7f37' }
      expect(await readSettings(file)).toMatchObject(all)
      // Each answer holds its own change and every one asked for before it.
      expect(results[0]).toMatchObject({ userName: 'Dilnoza', signalingUrls: DEFAULT_SETTINGS.signalingUrls })
      expect(results[2]).toMatchObject({ userName: 'Dilnoza', signalingUrls: ['ws://10.0.0.5:4444/'], iceServers: all.iceServers })
      expect(results[4]).toMatchObject(all)
      // A refused change does not stop the ones after it.
      const refused = updateSettings(file, { hostSignalingPort: 80 })
      const after = updateSettings(file, { userName: 'Aziz' })
      await expect(refused).rejects.toThrow()
      expect(await after).toMatchObject({ userName: 'Aziz', userColor: '#1a7f37' })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
