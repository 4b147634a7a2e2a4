import type { Labels, Lang } from '../../core/i18n.js'

/** Every text the co-editing UI shows, in each UI language. */
export const COLLAB_LABELS = {
  share: { en: 'Share', uz: 'Ulashish' },
  shareTitle: { en: 'Edit this document together', uz: 'Hujjatni birga tahrirlash' },
  shareIntro: {
    en: 'Sharing opens a room for this document. Everyone who opens the invite can edit it with you; changes travel directly between your computers, encrypted.',
    uz: 'Ulashish bu hujjat uchun xona ochadi. Taklifnomani ochgan har kim uni siz bilan birga tahrirlashi mumkin; o‘zgarishlar kompyuterlaringiz orasida to‘g‘ridan-to‘g‘ri, shifrlangan holda uzatiladi.',
  },
  signalingServers: { en: 'Signaling servers (from Settings)', uz: 'Signal serverlari (Sozlamalardan)' },
  noSignaling: { en: 'No signaling server is set. Run one with "mldoc signal" and add its address in Settings, or use a relay server.', uz: 'Signal serveri belgilanmagan. "mldoc signal" bilan ishga tushiring va manzilini Sozlamalarga qo‘shing yoki relay serverdan foydalaning.' },
  startSharing: { en: 'Start sharing', uz: 'Ulashishni boshlash' },
  relayOption: { en: 'Or share through a relay server (y-websocket or Hocuspocus), for large teams or networks that block direct connections:', uz: 'Yoki relay server (y-websocket yoki Hocuspocus) orqali ulashing — katta jamoalar yoki to‘g‘ridan-to‘g‘ri ulanishni to‘sadigan tarmoqlar uchun:' },
  relayAddress: { en: 'Relay server address (ws://… or wss://…)', uz: 'Relay server manzili (ws://… yoki wss://…)' },
  shareViaRelay: { en: 'Share through relay', uz: 'Relay orqali ulashish' },
  inviteLabel: { en: 'Invite link', uz: 'Taklif havolasi' },
  inviteWarning: { en: 'Anyone with this invite can read and edit the document. Send it privately.', uz: 'Bu taklifnomaga ega har kim hujjatni o‘qishi va tahrirlashi mumkin. Uni shaxsan yuboring.' },
  copy: { en: 'Copy', uz: 'Nusxalash' },
  copied: { en: 'Copied', uz: 'Nusxalandi' },
  copyFailed: { en: 'Could not copy: select the text and copy it yourself.', uz: 'Nusxalab bo‘lmadi: matnni belgilab, o‘zingiz nusxalang.' },
  stopSharing: { en: 'Stop sharing', uz: 'Ulashishni to‘xtatish' },
  close: { en: 'Close', uz: 'Yopish' },
  rejoin: { en: 'Rejoin the room', uz: 'Xonaga qayta qo‘shilish' },
  rejoinHint: { en: 'You left the room. Your changes since then are kept and merge with the others’ when you rejoin.', uz: 'Siz xonadan chiqdingiz. Shundan beri kiritgan o‘zgarishlaringiz saqlangan va qayta qo‘shilganingizda boshqalarnikiga qo‘shiladi.' },
  peersTitle: { en: 'People', uz: 'Ishtirokchilar' },
  peersTab: { en: 'Peers', uz: 'Hamkorlar' },
  othersInRoom: { en: 'others in the room', uz: 'xonadagi boshqalar' },
  you: { en: 'you', uz: 'siz' },
  unknownPeer: { en: 'Someone (connecting…)', uz: 'Kimdir (ulanmoqda…)' },
  linkConnected: { en: 'connected', uz: 'ulangan' },
  linkConnecting: { en: 'connecting…', uz: 'ulanmoqda…' },
  linkRelay: { en: 'through the relay server', uz: 'relay server orqali' },
  signalingReachable: { en: 'reachable', uz: 'ulangan' },
  signalingUnreachable: { en: 'not reachable', uz: 'ulanib bo‘lmadi' },
  signalingHeading: { en: 'Signaling', uz: 'Signal serverlari' },
  relayHeading: { en: 'Relay server', uz: 'Relay server' },
  joinTitle: { en: 'Joining a shared document', uz: 'Ulashilgan hujjatga qo‘shilish' },
  joinWaiting: { en: 'Waiting for someone in the room to send the document…', uz: 'Xonadagi kimdir hujjatni yuborishini kutyapmiz…' },
  joinBadInvite: { en: 'This invite cannot be used', uz: 'Bu taklifnomadan foydalanib bo‘lmaydi' },
  cancel: { en: 'Cancel', uz: 'Bekor qilish' },
  joinHeading: { en: 'Join a shared document', uz: 'Ulashilgan hujjatga qo‘shilish' },
  joinPlaceholder: { en: 'Paste an invite: mldoc://join?room=…', uz: 'Taklifnomani qo‘ying: mldoc://join?room=…' },
  join: { en: 'Join', uz: 'Qo‘shilish' },
  roundTrip: { en: 'round trip', uz: 'aylanma vaqt' },
  settingsColor: { en: 'Your colour (your caret, as others see it)', uz: 'Rangingiz (boshqalar ko‘radigan kursoringiz)' },
  settingsSignaling: { en: 'Signaling servers, one per line (run one with "mldoc signal")', uz: 'Signal serverlari, har qatorda bittadan ("mldoc signal" bilan ishga tushiring)' },
  settingsIce: { en: 'STUN and TURN servers, one per line', uz: 'STUN va TURN serverlari, har qatorda bittadan' },
  settingsIceHint: { en: 'stun:host:port, or turn:host:port USER CREDENTIAL. Needed only to connect across networks.', uz: 'stun:host:port yoki turn:host:port FOYDALANUVCHI PAROL. Faqat turli tarmoqlar orasida ulanish uchun kerak.' },
} as const satisfies Record<string, Labels>

/** A co-editing label in a language. */
export function collabText(key: keyof typeof COLLAB_LABELS, lang: Lang): string {
  return COLLAB_LABELS[key][lang]
}
