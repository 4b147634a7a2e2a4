import type { Labels } from '../i18n.js'
import type { CandidateType } from './connection.js'

/**
 * Plain explanations of where a shared document stands, for the peers panel: whether the
 * signaling or relay server is reachable, whether peers connected, and what to do when they
 * cannot. Pure, so the panel, the Node peer and the tests read the same words.
 */

/** How one peer is reached. */
export type PeerLink = 'connecting' | 'connected' | 'relay'

/** What the explanations are computed from. */
export interface RoomPicture {
  readonly transport: 'webrtc' | 'relay' | null
  /** Signaling servers and whether each is connected (WebRTC only). */
  readonly signaling: readonly { readonly url: string; readonly connected: boolean }[]
  /** The relay server (relay only). */
  readonly relay: { readonly url: string; readonly connected: boolean } | null
  readonly peers: readonly { readonly link: PeerLink; readonly connectingForMs: number; readonly candidates: { local: CandidateType | null; remote: CandidateType | null } | null }[]
  /** Which ICE servers the settings give. */
  readonly ice: { readonly stun: boolean; readonly turn: boolean }
  readonly wrongSecret: boolean
  /**
   * Others subscribed to the room on the signaling server while none of them answered our
   * announcement for a while: they cannot read it (another secret), or just went away. 0 otherwise.
   */
  readonly unansweredOthers: number
  /** Updates from peers the receive path dropped. */
  readonly droppedUpdates: number
}

/** How long a peer may take to connect before the panel explains why it may not. */
export const SLOW_CONNECT_MS = 10_000

/** One explanation: `problem` ones are shown as warnings. */
export interface RoomNote {
  readonly kind: 'info' | 'problem'
  readonly text: Labels
}

/** What a person should know about the room now, most important first. */
export function explainRoom(room: RoomPicture): RoomNote[] {
  const notes: RoomNote[] = []
  if (room.transport === null) {
    return [{ kind: 'info', text: { en: 'Only you are editing this document. Share it to edit it together.', uz: 'Bu hujjatni faqat siz tahrirlayapsiz. Birga tahrirlash uchun uni ulashing.' } }]
  }
  if (room.wrongSecret) {
    notes.push({ kind: 'problem', text: {
      en: 'Someone in this room uses a different secret, so nobody can read their messages. Make sure everyone opened the same, complete invite.',
      uz: 'Bu xonadagi kimdir boshqa maxfiy kaliti bilan kirgan, uning xabarlarini hech kim o‘qiy olmaydi. Hamma bir xil, to‘liq taklifnomani ochganiga ishonch hosil qiling.',
    } })
  }
  if (!room.wrongSecret && room.unansweredOthers > 0) {
    notes.push({ kind: 'problem', text: {
      en: `${room.unansweredOthers} other(s) are in this room on the signaling server, but none answered: they probably use a different secret (check that you opened the whole invite), or have just closed MLDoc.`,
      uz: `Signal serverida bu xonada yana ${room.unansweredOthers} kishi bor, lekin hech kim javob bermadi: ehtimol ular boshqa maxfiy kalitdan foydalanmoqda (taklifnomani to‘liq ochganingizni tekshiring) yoki MLDoc'ni hozirgina yopishgan.`,
    } })
  }
  if (room.droppedUpdates > 0) {
    notes.push({ kind: 'problem', text: {
      en: `${room.droppedUpdates} damaged or invalid change(s) from peers were ignored; your document is intact. A peer may run an incompatible version.`,
      uz: `Hamkorlardan kelgan ${room.droppedUpdates} ta buzilgan yoki noto‘g‘ri o‘zgarish e’tiborsiz qoldirildi; hujjatingiz butun. Hamkor mos kelmaydigan versiyadan foydalanayotgan bo‘lishi mumkin.`,
    } })
  }
  if (room.transport === 'relay') {
    const relay = room.relay
    if (relay && !relay.connected) {
      notes.push({ kind: 'problem', text: {
        en: `Cannot reach the relay server ${relay.url}. Check that it is running and that this address is right; edits are kept and sent when it is back.`,
        uz: `${relay.url} relay serveriga ulanib bo‘lmayapti. U ishlayotganini va manzil to‘g‘riligini tekshiring; tahrirlar saqlanadi va server qaytganda yuboriladi.`,
      } })
    } else if (relay) {
      notes.push({ kind: 'info', text: { en: `Connected to the relay server ${relay.url}; it passes every change on to the others.`, uz: `${relay.url} relay serveriga ulangan; u har bir o‘zgarishni boshqalarga yetkazadi.` } })
    }
    return notes
  }
  const reachable = room.signaling.filter((s) => s.connected)
  const connected = room.peers.filter((p) => p.link === 'connected')
  const stuck = room.peers.filter((p) => p.link === 'connecting' && p.connectingForMs >= SLOW_CONNECT_MS)
  if (reachable.length === 0 && connected.length === 0) {
    const urls = room.signaling.map((s) => s.url).join(', ')
    notes.push({ kind: 'problem', text: {
      en: `Cannot reach the signaling server (${urls}), so peers cannot find each other. Start one with "mldoc signal", or check the address in Settings.`,
      uz: `Signal serveriga (${urls}) ulanib bo‘lmayapti, shuning uchun hamkorlar bir-birini topa olmaydi. "mldoc signal" bilan ishga tushiring yoki Sozlamalardagi manzilni tekshiring.`,
    } })
  }
  if (stuck.length > 0) {
    const why = !room.ice.stun && !room.ice.turn
      ? { en: 'No STUN or TURN server is configured, so only peers on the same network can connect.', uz: 'STUN yoki TURN serveri sozlanmagan, shuning uchun faqat bir tarmoqdagi hamkorlar ulana oladi.' }
      : !room.ice.turn
        ? { en: 'No TURN server is configured; you may be behind different NATs or a firewall that blocks direct connections.', uz: 'TURN serveri sozlanmagan; siz turli NAT yoki to‘g‘ridan-to‘g‘ri ulanishni to‘sadigan xavfsizlik devori ortida bo‘lishingiz mumkin.' }
        : { en: 'Even the TURN server could not connect you: check its address and credentials in Settings.', uz: 'TURN serveri orqali ham ulanib bo‘lmadi: Sozlamalarda uning manzili va login-parolini tekshiring.' }
    notes.push({ kind: 'problem', text: {
      en: `${stuck.length} peer(s) found through the signaling server cannot connect directly. ${why.en} Alternatively, share through a relay server.`,
      uz: `Signal serveri orqali topilgan ${stuck.length} ta hamkor to‘g‘ridan-to‘g‘ri ulana olmayapti. ${why.uz} Yoki relay server orqali ulashing.`,
    } })
  }
  if (connected.length > 0) {
    notes.push({ kind: 'info', text: { en: `Connected directly (WebRTC) to ${connected.length} peer(s).`, uz: `${connected.length} ta hamkor bilan to‘g‘ridan-to‘g‘ri (WebRTC) ulangan.` } })
  } else if (reachable.length > 0 && room.peers.length === 0) {
    notes.push({ kind: 'info', text: { en: 'Connected to the signaling server; waiting for others to open the invite.', uz: 'Signal serveriga ulangan; boshqalar taklifnomani ochishini kutyapmiz.' } })
  }
  return notes
}

/** How a connected pair reaches the other side, in a few words. */
export function describeCandidates(candidates: { local: CandidateType | null; remote: CandidateType | null }): Labels {
  const types = [candidates.local, candidates.remote]
  if (types.includes('relay')) return { en: 'relayed through a TURN server', uz: 'TURN serveri orqali' }
  if (types.includes('srflx') || types.includes('prflx')) return { en: 'direct, across NATs (found through STUN)', uz: 'to‘g‘ridan-to‘g‘ri, NAT orqali (STUN yordamida)' }
  if (candidates.local === 'host' && candidates.remote === 'host') return { en: 'direct, on the same network', uz: 'to‘g‘ridan-to‘g‘ri, bir tarmoqda' }
  return { en: 'direct', uz: 'to‘g‘ridan-to‘g‘ri' }
}
