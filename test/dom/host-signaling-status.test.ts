import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { HostedSignalingState } from '../../core/host/api.js'
import { hostingStatus, parsePort } from '../../renderer/app/HostSignalingSetting.js'
import { en } from '../../renderer/i18n/en.js'
import { uz } from '../../renderer/i18n/uz.js'

// What the Settings dialog says about the signaling server the desktop app hosts, in each state
// and both UI languages (the dialog itself is driven in Chromium by test/e2e/host-signaling-settings.test.ts).

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: en }, uz: { translation: uz } }, interpolation: { escapeValue: false } })
})

/** The status line for a setting and a state, in `lang`. */
function said(hostSignaling: boolean, state: HostedSignalingState, lang: 'en' | 'uz' = 'en'): string {
  const status = hostingStatus({ hostSignaling }, state)
  return status ? i18next.t(`settings.hostSignaling.${status.text}`, { ...status.values, lng: lang }) : ''
}

describe('the hosted signaling server, as Settings say it', () => {
  it('says nothing while off and meant to be, and that it is starting or stopping until the host answers', () => {
    expect(said(false, { state: 'off' })).toBe('')
    expect(said(false, { state: 'failed', port: 4444, problem: 'port-in-use', message: 'x' })).toBe('')
    expect(said(true, { state: 'off' })).toBe('Starting…')
    expect(said(false, { state: 'running', port: 4444, url: 'ws://192.168.1.20:4444' })).toBe('Stopping…')
  })

  it('says where teammates reach it, or that they cannot', () => {
    expect(said(true, { state: 'running', port: 4444, url: 'ws://192.168.1.20:4444' })).toBe('Running. Teammates on your network connect to ws://192.168.1.20:4444; your invites name this address.')
    expect(said(true, { state: 'running', port: 4444, url: null })).toBe('Running on port 4444, but this computer has no network address, so teammates cannot reach it. Connect to a network (Wi-Fi or cable).')
  })

  it('says why it is not running, in plain words', () => {
    expect(said(true, { state: 'failed', port: 4444, problem: 'port-in-use', message: 'port 4444 is already in use' })).toBe('Not running: port 4444 is already in use on this computer (perhaps by “mldoc signal” or another signaling server). Choose another port, or stop the other program.')
    expect(said(true, { state: 'failed', port: 5000, problem: 'not-allowed', message: '' })).toBe('Not running: this computer does not allow MLDoc to use port 5000. Choose another port.')
    expect(said(true, { state: 'failed', port: 5000, problem: 'other', message: 'listen EADDRNOTAVAIL 0.0.0.0:5000' })).toBe('Not running: listen EADDRNOTAVAIL 0.0.0.0:5000')
  })

  it('says each of these in Uzbek too, with the port or address in place', () => {
    expect(said(true, { state: 'failed', port: 5000, problem: 'port-in-use', message: '' }, 'uz')).toBe('Ishlamayapti: 5000-port bu kompyuterda band (ehtimol, “mldoc signal” yoki boshqa signal serveri ishlayapti). Boshqa port tanlang yoki oʻsha dasturni toʻxtating.')
    const states: [boolean, HostedSignalingState][] = [
      [true, { state: 'off' }],
      [false, { state: 'running', port: 4444, url: 'ws://10.0.0.2:4444' }],
      [true, { state: 'running', port: 4444, url: 'ws://10.0.0.2:4444' }],
      [true, { state: 'running', port: 4444, url: null }],
      [true, { state: 'failed', port: 4444, problem: 'not-allowed', message: '' }],
      [true, { state: 'failed', port: 4444, problem: 'other', message: 'boom' }],
    ]
    for (const [on, state] of states) {
      const text = said(on, state, 'uz')
      expect(text).not.toBe(said(on, state, 'en'))
      expect(text).not.toMatch(/\{\{|settings\./)
    }
  })
})

describe('the port typed into Settings', () => {
  it('is a whole number from 1024 to 65535', () => {
    expect([parsePort('4444'), parsePort(' 1024 '), parsePort('65535')]).toEqual([4444, 1024, 65535])
    for (const text of ['', '80', '1023', '65536', '44.5', '4e3', '-4444', 'port']) expect(parsePort(text), text).toBeNull()
  })
})
