import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { useAppPage } from './browser.js'

// The co-editing settings in the real app (mldoc web, Chromium), used with the keyboard only.
const app = useAppPage()

/** The accessible name of the focused element: its `<label>`, or its text for a button. */
function focused(): Promise<string> {
  return app.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return ''
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null
    return (label?.textContent ?? el.textContent ?? '').trim()
  })
}

describe('co-editing settings (mldoc web, Chromium)', () => {
  it('are reached with Tab from the name, typed in, and kept by the host when the dialog closes', async () => {
    const { page, test } = app
    await page.goto(test.host.url)
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('Your name').focus()
    await page.keyboard.type('Dilnoza')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('Your colour (your caret, as others see it)')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('Signaling servers, one per line (run one with "mldoc signal")')
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('ws://10.0.0.5:4444')
    await page.keyboard.press('Enter')
    await page.keyboard.type('wss://signal.example.org')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('STUN and TURN servers, one per line')
    await page.keyboard.type('stun:stun.example.org:3478')
    await page.keyboard.press('Enter')
    await page.keyboard.type('turn:turn.example.org:3478 alice s3cret')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('Close')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)
    await expect
      .poll(async () => JSON.parse(await readFile(test.settingsFile, 'utf8')) as Record<string, unknown>)
      .toMatchObject({
        userName: 'Dilnoza',
        signalingUrls: ['ws://10.0.0.5:4444/', 'wss://signal.example.org/'],
        iceServers: [{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org:3478', username: 'alice', credential: 's3cret' }],
      })
  })

  it('show what was saved after a reload, refuse a wrong line saying which, and keep the corrected one when Escape closes the dialog', async () => {
    const { page, test, errors } = app
    await page.reload()
    await page.getByRole('button', { name: 'Settings' }).click()
    expect(await page.getByLabel('Signaling servers, one per line (run one with "mldoc signal")').inputValue()).toBe('ws://10.0.0.5:4444/\nwss://signal.example.org/')
    const ice = page.getByLabel('STUN and TURN servers, one per line')
    expect(await ice.inputValue()).toBe('stun:stun.example.org:3478\nturn:turn.example.org:3478 alice s3cret')
    await ice.focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('turn:turn.example.org:3478')
    await page.keyboard.press('Tab')
    expect(await page.getByRole('alert').textContent()).toBe('ICE servers:1: a TURN server needs a user name and a credential after its address: turn:turn.example.org:3478 USER CREDENTIAL')
    expect(await ice.getAttribute('aria-invalid')).toBe('true')
    expect((JSON.parse(await readFile(test.settingsFile, 'utf8')) as { iceServers: unknown[] }).iceServers).toHaveLength(2)
    // Put right, then the dialog closed with Escape straight from the field: kept too.
    await ice.focus()
    await page.keyboard.press('End')
    await page.keyboard.type(' bob pw')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)
    await expect
      .poll(async () => (JSON.parse(await readFile(test.settingsFile, 'utf8')) as { iceServers: unknown[] }).iceServers)
      .toEqual([{ urls: 'turn:turn.example.org:3478', username: 'bob', credential: 'pw' }])
    expect(errors).toEqual([])
  })
})
