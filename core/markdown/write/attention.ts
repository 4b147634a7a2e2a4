/**
 * Choosing the markers of emphasis, strong and strikethrough so that each forms where it is
 * written (`**a***b*` would not: `*b*` becomes `_b_`). The algorithm is that of
 * mdast-util-to-markdown 2.2 (guess a sequence per span, then render, check the pairing the way
 * CommonMark/GFM pair delimiter runs, and try the other sequences of the spans involved in the
 * first mistake), kept step for step so files keep their bytes.
 */
import { characterReference, classifyCharacter, firstCharacter, lastCharacter } from './escape.js'

/** An emphasis-like span whose sequence is chosen later, with its written children. */
export interface AttentionItem {
  readonly children: PhrasingItem[]
  /** Sequences it can be written with, in order of preference (`*`, `_`; `~~`, `~`). */
  readonly sequences: readonly string[]
}

/** Written phrasing: text as written, or a span whose markers are not chosen yet. */
export type PhrasingItem = string | AttentionItem

interface Token {
  value: string
  readonly attention: AttentionItem | undefined
}

interface Run {
  readonly tokens: Token[]
  readonly markers: Token[]
  start: number
  end: number
  readonly open: boolean
  readonly close: boolean
  readonly split: boolean
}

interface Mistake {
  readonly attention: AttentionItem[]
  readonly index: number
}

type Chosen = Map<AttentionItem, string>

/** Emphasis markers to whether they are strict (cannot open or close inside words). */
const BUILTINS = new Map([
  ['*', false],
  ['_', true],
])

/** The sequences a span can use: each marker in each size. */
export function attentionSequences(markers: readonly string[], sizes: readonly number[]): string[] {
  return markers.flatMap((marker) => sizes.map((size) => marker.repeat(size)))
}

function candidates(tokens: readonly Token[], involved: readonly Token[], runOf: Map<Token, Run>): AttentionItem[] {
  const related = new Set<AttentionItem | undefined>()
  for (const token of tokens) {
    const siblings = runOf.get(token)
    if (siblings && token.attention && involved.some((d) => d.attention === token.attention)) {
      for (const sibling of siblings.tokens) related.add(sibling.attention)
    }
  }
  const ordered: AttentionItem[] = []
  for (const token of tokens) if (token.attention && related.delete(token.attention)) ordered.push(token.attention)
  return ordered.reverse()
}

/** The first marker sequence that does not pair with its own other half, if any. */
function check(tokens: readonly Token[], before: string, after: string): Mistake | undefined {
  const runs: Run[] = []
  const wrong = new Map<Token, Token[]>()
  const runOf = new Map<Token, Run>()
  let index = 0
  while (index < tokens.length) {
    if (!tokens[index]!.attention) {
      index++
      continue
    }
    const marker = tokens[index]!.value.charAt(0)
    const strict = BUILTINS.get(marker)
    let end = index + 1
    while (end < tokens.length && tokens[end]!.attention && tokens[end]!.value.charAt(0) === marker) end++
    const head = index ? tokens[index - 1]!.value : before
    const previous = classifyCharacter(head.charCodeAt(head.length - 1))
    const next = classifyCharacter((end < tokens.length ? tokens[end]!.value : after).charCodeAt(0))
    const open = !next || (next === 2 && Boolean(previous))
    const close = !previous || (previous === 2 && Boolean(next))
    const run: Run = {
      tokens: tokens.slice(index, end),
      markers: [],
      start: 0,
      end: 0,
      open: strict ? open && (Boolean(previous) || !close) : open,
      close: strict ? close && (Boolean(next) || !open) : close,
      split: strict !== undefined,
    }
    for (const token of run.tokens) {
      wrong.set(token, [...run.tokens])
      runOf.set(token, run)
      for (let size = token.value.length; size > 0; size--) run.markers.push(token)
    }
    run.end = run.markers.length
    runs.push(run)
    index = end
  }
  pair(runs, wrong)
  for (let i = 0; i < tokens.length; i++) {
    const involved = wrong.get(tokens[i]!)
    if (involved) return { attention: candidates(tokens, involved, runOf), index: i }
  }
  return undefined
}

function pair(runs: readonly Run[], wrong: Map<Token, Token[]>): void {
  const openersByMarker = new Map<string, Run[]>()
  for (const closer of runs) {
    const marker = closer.tokens[0]!.value.charAt(0)
    let openers = openersByMarker.get(marker)
    if (!openers) {
      openers = []
      openersByMarker.set(marker, openers)
    }
    let open = closer.close ? openers.length : 0
    while (open-- && closer.start < closer.end) {
      const opener = openers[open]!
      const openerSize = opener.end - opener.start
      const closerSize = closer.end - closer.start
      if (
        closer.split
          ? (opener.close || closer.open) && closerSize % 3 && !((openerSize + closerSize) % 3)
          : openerSize !== opener.markers.length || openerSize !== closerSize
      ) {
        continue
      }
      const size = closer.split ? (openerSize > 1 && closerSize > 1 ? 2 : 1) : closerSize
      const opening = opener.markers.slice(opener.end - size, opener.end)
      const closing = closer.markers.slice(closer.start, closer.start + size)
      const openToken = opening[0]!
      const closeToken = closing[0]!
      if (
        openToken === opening[size - 1] &&
        openToken.value.length === size &&
        closeToken === closing[size - 1] &&
        closeToken.value.length === size &&
        openToken.attention === closeToken.attention
      ) {
        wrong.delete(openToken)
        wrong.delete(closeToken)
      } else {
        const involved = [...new Set([...opening, ...closing])]
        for (const token of involved) wrong.get(token)?.push(...involved)
      }
      opener.end -= size
      closer.start += size
      if (opener.start === opener.end) openers.splice(open, 1)
      open = openers.length
    }
    if (closer.open && closer.start < closer.end) openers.push(closer)
  }
}

/** Writes the first (or last) character of the first (or last) text token as a character reference. */
function encode(tokens: readonly Token[], start: boolean): void {
  const token = tokens[start ? 0 : tokens.length - 1]
  if (!token || token.attention) return
  const character = start ? firstCharacter(token.value) : lastCharacter(token.value)
  const reference = characterReference(character.codePointAt(0)!)
  if (start) {
    token.value = reference + token.value.slice(character.length)
  } else {
    let value = token.value.slice(0, token.value.length - character.length)
    let escapes = 0
    while (value.charCodeAt(value.length - 1 - escapes) === 92) escapes++
    if (escapes % 2) value += '\\'
    token.value = value + reference
  }
}

/** Whether the characters inside and outside a marker must be encoded for it to form. */
function encodeInfo(outside: number, inside: number, marker: string): { inside: boolean; outside: boolean } {
  const outsideKind = classifyCharacter(outside)
  const insideKind = classifyCharacter(inside)
  if (outsideKind === undefined) {
    if (insideKind === undefined) return marker === '_' ? { inside: true, outside: true } : { inside: false, outside: false }
    return insideKind === 1 ? { inside: true, outside: true } : { inside: false, outside: true }
  }
  if (outsideKind === 1) {
    return insideKind === 1 ? { inside: true, outside: true } : { inside: false, outside: false }
  }
  return insideKind === 1 ? { inside: true, outside: false } : { inside: false, outside: false }
}

function render(items: readonly PhrasingItem[], chosen: Chosen, before: string, after: string): Token[] {
  const tokens: Token[] = []
  let encodeAfter: string | undefined
  let previous = lastCharacter(before)
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (typeof item === 'string') {
      const token: Token = { value: item, attention: undefined }
      if (encodeAfter && encodeAfter === firstCharacter(item)) encode([token], true)
      encodeAfter = undefined
      tokens.push(token)
      if (token.value) previous = lastCharacter(token.value)
      continue
    }
    const sequence = chosen.get(item) ?? item.sequences[0]!
    const marker = sequence.charAt(0)
    const next = items[index + 1]
    const outsideBefore = previous
    const outsideAfter = firstCharacter(next === undefined ? after : typeof next === 'string' ? next : (chosen.get(next) ?? next.sequences[0]!))
    const inside = render(item.children, chosen, sequence, sequence)
    const head = inside[0]!.value
    const open = encodeInfo(outsideBefore.charCodeAt(outsideBefore.length - 1), head.charCodeAt(0), marker)
    if (open.inside) encode(inside, true)
    const tail = lastCharacter(inside[inside.length - 1]!.value)
    const close = encodeInfo(outsideAfter.charCodeAt(0), tail.charCodeAt(tail.length - 1), marker)
    if (close.inside) encode(inside, false)
    if (open.outside && outsideBefore !== '\n' && outsideBefore !== '\r') encode(tokens, false)
    if (close.outside) encodeAfter = outsideAfter
    tokens.push({ value: sequence, attention: item }, ...inside, { value: sequence, attention: item })
    previous = sequence.charAt(sequence.length - 1)
  }
  return tokens
}

function improve(items: readonly PhrasingItem[], chosen: Chosen, mistake: Mistake, before: string, after: string): { chosen: Chosen; mistake: Mistake | undefined; tokens: Token[] } | undefined {
  for (const attention of mistake.attention) {
    const current = chosen.get(attention) ?? attention.sequences[0]
    for (const sequence of attention.sequences) {
      if (sequence === current) continue
      const trial = new Map(chosen)
      trial.set(attention, sequence)
      const tokens = render(items, trial, before, after)
      const next = check(tokens, before, after)
      if (!next || next.index > mistake.index) return { chosen: trial, mistake: next, tokens }
    }
  }
  return undefined
}

function fix(items: readonly PhrasingItem[], initial: Chosen, before: string, after: string): Token[] | undefined {
  let chosen = initial
  let tokens = render(items, chosen, before, after)
  let mistake = check(tokens, before, after)
  while (mistake) {
    const next = improve(items, chosen, mistake, before, after)
    if (!next) return undefined
    chosen = next.chosen
    tokens = next.tokens
    mistake = next.mistake
  }
  return tokens
}

/** First guesses: another marker where a sequence would touch one with the same marker. */
function guess(items: readonly PhrasingItem[], chosen: Chosen, before: string, after: string): void {
  let previous = before
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (typeof item === 'string') {
      previous = ''
      continue
    }
    const next = index === items.length - 1 ? after : ''
    const sequence =
      item.sequences.find((value) => {
        const marker = value.charAt(0)
        return (marker !== previous.charAt(0) && marker !== next.charAt(0)) || (items.length === 1 && BUILTINS.has(marker) && value.length > before.length)
      }) ?? item.sequences[0]!
    if (sequence !== item.sequences[0]) chosen.set(item, sequence)
    guess(item.children, chosen, sequence, sequence)
    previous = sequence
  }
}

/** Written phrasing as one string, each span with the sequence that makes it form. */
export function serializePhrasing(items: readonly PhrasingItem[], before: string, after: string): string {
  if (items.every((item) => typeof item === 'string')) return items.join('')
  const guessed: Chosen = new Map()
  guess(items, guessed, before, after)
  const tokens = (guessed.size > 0 ? fix(items, guessed, before, after) : undefined) ?? fix(items, new Map(), before, after) ?? render(items, new Map(), before, after)
  let out = ''
  for (const token of tokens) out += token.value
  return out
}
