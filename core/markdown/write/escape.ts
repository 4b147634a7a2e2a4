/**
 * Escaping of text written into Markdown: which characters would otherwise change what the file
 * means, and how they are written instead. The rules are those of mdast-util-to-markdown (with
 * GFM and front matter), which MLDoc's format was first written with, so files keep their bytes;
 * this module only finds the positions faster, by first asking one expression whether any rule
 * applies at all.
 */

/** A character that is unsafe in some constructs, maybe only before or after some text. */
interface UnsafeRule {
  readonly character: string
  readonly inConstruct?: string | readonly string[]
  readonly notInConstruct?: readonly string[]
  /** Text that must precede the character (a regular expression source). */
  readonly before?: string
  /** Text that must follow the character (a regular expression source). */
  readonly after?: string
  /** Unsafe at the start of a line (after optional spaces). */
  readonly atBreak?: boolean
}

const FULL_PHRASING_SPANS = ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe']
const NOT_IN_LINK = ['autolink', 'link', 'image', 'label']
const CODE_INFO = ['codeFencedLangGraveAccent', 'codeFencedLangTilde', 'codeFencedMetaGraveAccent', 'codeFencedMetaTilde']

const UNSAFE: readonly UnsafeRule[] = [
  { character: '\t', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: '\t', before: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: '\t', inConstruct: ['codeFencedLangGraveAccent', 'codeFencedLangTilde'] },
  { character: '\r', inConstruct: [...CODE_INFO, 'destinationLiteral', 'headingAtx'] },
  { character: '\n', inConstruct: [...CODE_INFO, 'destinationLiteral', 'headingAtx'] },
  { character: '\r', before: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: '\r', after: '\\r', inConstruct: 'phrasing' },
  { character: '\n', before: '\\n', inConstruct: 'phrasing' },
  { character: '\n', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ' ', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ' ', before: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ' ', inConstruct: ['codeFencedLangGraveAccent', 'codeFencedLangTilde'] },
  { character: '!', after: '\\[', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { character: '"', inConstruct: 'titleQuote' },
  { atBreak: true, character: '#' },
  { character: '#', inConstruct: 'headingAtx', after: '(?:[\r\n]|$)' },
  { character: '&', after: '[#A-Za-z]', inConstruct: [...CODE_INFO, 'destinationLiteral', 'destinationRaw', 'phrasing', 'titleApostrophe', 'titleQuote'] },
  { character: "'", inConstruct: 'titleApostrophe' },
  { character: '(', inConstruct: 'destinationRaw' },
  { before: '\\]', character: '(', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { atBreak: true, before: '\\d+', character: ')' },
  { character: ')', inConstruct: 'destinationRaw' },
  { atBreak: true, character: '*', after: '(?:[ \t\r\n*])' },
  { character: '*', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { atBreak: true, character: '+', after: '(?:[ \t\r\n])' },
  { atBreak: true, character: '-', after: '(?:[ \t\r\n-])' },
  { atBreak: true, before: '\\d+', character: '.', after: '(?:[ \t\r\n]|$)' },
  { atBreak: true, character: '<', after: '[!/?A-Za-z]' },
  { character: '<', after: '[!/?A-Za-z]', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  // An email autolink whose address starts with a digit or a sign (`<0@x>`, `<{@0>`), which the
  // rule above (tags, and autolinks that start with a letter) lets through: CommonMark reads any
  // `<`, local part, `@` and domain, `>` as one.
  { character: '<', after: "[\\w.!#$%&'*+/=?^`{|}~-]+@", inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { character: '<', inConstruct: 'destinationLiteral' },
  { atBreak: true, character: '=' },
  { atBreak: true, character: '>' },
  { character: '>', inConstruct: 'destinationLiteral' },
  { atBreak: true, character: '[' },
  { character: '[', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { character: '[', inConstruct: ['label', 'reference'] },
  { character: '\\', after: '[\\r\\n]', inConstruct: 'phrasing' },
  { character: ']', inConstruct: ['label', 'reference'] },
  { atBreak: true, character: '_' },
  { character: '_', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { atBreak: true, character: '`' },
  { character: '`', inConstruct: ['codeFencedLangGraveAccent', 'codeFencedMetaGraveAccent'] },
  { character: '`', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { atBreak: true, character: '~' },
  { character: '<', inConstruct: 'autolink' },
  { character: '>', inConstruct: 'autolink' },
  { character: '\u007F', inConstruct: 'autolink' },
  // Controls and space in autolinks.
  ...Array.from({ length: 33 }, (_, code): UnsafeRule => ({ character: String.fromCharCode(code), inConstruct: 'autolink' })),
  // Front matter: a `---` line would open it.
  { atBreak: true, character: '-', after: '\\x2d' },
  // GFM literal autolinks (emails, `www.`, `http://`) are not written by accident.
  { character: '@', before: '[+\\-.\\w]', after: '[\\-.\\w]', inConstruct: 'phrasing', notInConstruct: NOT_IN_LINK },
  { character: '.', before: '[Ww]', after: '[\\-.\\w]', inConstruct: 'phrasing', notInConstruct: NOT_IN_LINK },
  { character: ':', before: '[ps]', after: '\\/', inConstruct: 'phrasing', notInConstruct: NOT_IN_LINK },
  // GFM footnotes, strikethrough and tables.
  { character: '[', inConstruct: ['label', 'phrasing', 'reference'] },
  { character: '~', inConstruct: 'phrasing', notInConstruct: FULL_PHRASING_SPANS },
  { character: '\r', inConstruct: 'tableCell' },
  { character: '\n', inConstruct: 'tableCell' },
  { atBreak: true, character: '|', after: '[\t :-]' },
  { character: '|', inConstruct: 'tableCell' },
  { atBreak: true, character: ':', after: '-' },
  { atBreak: true, character: '-', after: '[:|-]' },
]

/** A rule as a global expression; when it has `before` or `atBreak`, group 1 is that prefix. */
interface CompiledRule {
  readonly rule: UnsafeRule
  readonly expression: RegExp
  readonly hasBefore: boolean
}

function compile(rule: UnsafeRule): CompiledRule {
  const before = (rule.atBreak ? '[\\r\\n][\\t ]*' : '') + (rule.before ? `(?:${rule.before})` : '')
  const source = (before ? `(${before})` : '') + (/[$()*+.?[\\\]^{|}]/.test(rule.character) ? '\\' : '') + rule.character + (rule.after ? `(?:${rule.after})` : '')
  return { rule, expression: new RegExp(source, 'g'), hasBefore: Boolean(rule.before || rule.atBreak) }
}

const COMPILED = UNSAFE.map(compile)
const AT_BREAK = COMPILED.filter(({ rule }) => rule.atBreak).map(({ expression }) => expression)

/** The expressions of the rules about the start of a line (global; reset `lastIndex` before use). */
export function atBreakRules(): readonly RegExp[] {
  return AT_BREAK
}

function inList(stack: readonly string[], list: string | readonly string[] | undefined, none: boolean): boolean {
  if (list === undefined || list.length === 0) return none
  if (typeof list === 'string') return stack.includes(list)
  return list.some((name) => stack.includes(name))
}

/** Whether a rule applies inside these constructs. */
function ruleInScope(stack: readonly string[], rule: { inConstruct?: string | readonly string[]; notInConstruct?: readonly string[] }): boolean {
  return inList(stack, rule.inConstruct, true) && !inList(stack, rule.notInConstruct, false)
}


/** The rules that apply in one set of open constructs, and quick tests of whether any can apply to a text. */
interface Scope {
  readonly rules: readonly CompiledRule[]
  /**
   * Characters unsafe wherever they are, with backslashes (which may need doubling) and line
   * endings: any of them in a text means a full look.
   */
  readonly free: RegExp
  /**
   * The rules with a character before or after (not about the start of a line), by character:
   * for the inside of a text without line endings, only the rules whose neighbour is not a line
   * ending. A text is only searched for the rules of the characters it holds.
   */
  readonly contextual: readonly (readonly [string, RegExp])[]
  /** All the rules with a character before or after, for the edges of a text. */
  readonly edges: RegExp
  /**
   * The rules about the start of a line, as one expression anchored at the start of a line
   * (without the line ending): they can only apply to a text on the line `before` ends.
   */
  readonly lineStart: RegExp
  /** Whether a hard break would end the construct (headings, table cells): then it is written as a space. */
  readonly lineOnly: boolean
}

const inClass = (character: string) => (/[\\\]^-]/.test(character) ? '\\' : '') + character
const literal = (character: string) => (/[$()*+.?[\\\]^{|}]/.test(character) ? '\\' : '') + character

function makeScope(rules: readonly CompiledRule[]): Scope {
  const free = rules.filter(({ rule }) => !rule.atBreak && !rule.before && !rule.after).map(({ rule }) => inClass(rule.character))
  const withNeighbour = rules.filter(({ rule }) => !rule.atBreak && (rule.before || rule.after))
  const edges = withNeighbour.map(({ expression }) => expression.source)
  const nearLineEnding = (pattern: string | undefined) => pattern !== undefined && /\\[rn]|[\r\n]/.test(pattern)
  const byCharacter = new Map<string, string[]>()
  for (const { rule, expression } of withNeighbour) {
    if (nearLineEnding(rule.before) || nearLineEnding(rule.after)) continue
    const list = byCharacter.get(rule.character) ?? []
    list.push(expression.source)
    byCharacter.set(rule.character, list)
  }
  const lineStart = rules
    .filter(({ rule }) => rule.atBreak)
    .map(({ rule }) => (rule.before ? `(?:${rule.before})` : '') + literal(rule.character) + (rule.after ? `(?:${rule.after})` : ''))
  return {
    rules,
    free: new RegExp(`[${free.join('')}\\\\\\r\\n]`),
    contextual: [...byCharacter].map(([character, sources]) => [character, new RegExp(sources.join('|'))] as const),
    edges: edges.length ? new RegExp(edges.join('|')) : /(?!)/,
    lineStart: lineStart.length ? new RegExp(`^[\\t ]*(?:${lineStart.join('|')})`) : /(?!)/,
    lineOnly: rules.some(({ rule }) => rule.character === '\n' && !rule.before && !rule.after),
  }
}

const NOT_LINE_START = /[^\t 0-9]/

/**
 * Whether some rule may apply to a character of `input` (written between `before` and `after`):
 * when not, the text needs no escape. A rule with a neighbour looks one character around its
 * own, so only the first and last character of the input meet the surroundings.
 */
function mayNeedEscape(scope: Scope, input: string, before: string, after: string): boolean {
  if (!input) return false
  // Line endings are among the free characters: past this test the input has none.
  if (scope.free.test(input)) return true
  for (const [character, rules] of scope.contextual) if (input.includes(character) && rules.test(input)) return true
  if (scope.edges.test(before.slice(-1) + input.charAt(0)) || scope.edges.test(input.charAt(input.length - 1) + after.charAt(0))) return true
  // Without a line ending in the input, a rule about the start of a line needs the one `before`
  // ends. Such a rule matches spaces, maybe digits, its character and one more: at most two
  // characters past the first that is none of these, so only that much of the input is looked at.
  const lineEnd = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'))
  if (lineEnd < 0) return false
  const first = NOT_LINE_START.exec(input)
  const reach = first ? first.index + 2 : input.length
  return scope.lineStart.test(before.slice(lineEnd + 1) + (reach < input.length ? input.slice(0, reach) : input + after))
}

const scopes = new Map<string, Scope>()
let lastStack: readonly string[] = []
let lastScope: Scope | undefined

function sameStack(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The rules in force for a stack of open constructs (cached by the stack). */
export function scopeOf(stack: readonly string[]): Scope {
  if (lastScope && sameStack(stack, lastStack)) return lastScope
  const key = stack.join(' ')
  let scope = scopes.get(key)
  if (!scope) {
    scope = makeScope(COMPILED.filter((compiled) => ruleInScope(stack, compiled.rule)))
    scopes.set(key, scope)
  }
  lastStack = [...stack]
  lastScope = scope
  return scope
}

/** `&#xHEX;` for a code point. */
export function characterReference(code: number): string {
  return `&#x${code.toString(16).toUpperCase()};`
}

const PUNCTUATION_OR_SYMBOL = /\p{P}|\p{S}/u
const WHITESPACE = /\s/

/**
 * How a character code takes part in emphasis: 1 whitespace, 2 punctuation, undefined anything
 * else (also NaN, past the end of a string), as CommonMark classifies it.
 */
export function classifyCharacter(code: number): 1 | 2 | undefined {
  if (code === 32 || (code > -1 && WHITESPACE.test(String.fromCharCode(code)))) return 1
  if (code > -1 && PUNCTUATION_OR_SYMBOL.test(String.fromCharCode(code))) return 2
  return undefined
}

/** The first character of a string (a whole surrogate pair), or ''. */
export function firstCharacter(value: string): string {
  const code = value.codePointAt(0)
  return code === undefined ? '' : String.fromCodePoint(code)
}

/** The last character of a string (a whole surrogate pair), or ''. */
export function lastCharacter(value: string): string {
  const code = value.codePointAt(value.length - 2)
  return code !== undefined && code > 0xffff ? value.slice(-2) : value.slice(-1)
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/
const BACKSLASH_BEFORE_PUNCTUATION = /\\(?=[!-/:-@[-`{-~])/g

/** Backslashes that would escape what follows them, doubled. */
function escapeBackslashes(value: string, after: string): string {
  const whole = value + after
  let out = ''
  let start = 0
  BACKSLASH_BEFORE_PUNCTUATION.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = BACKSLASH_BEFORE_PUNCTUATION.exec(whole))) {
    if (start !== match.index) out += value.slice(start, match.index)
    out += '\\'
    start = match.index
  }
  return out + value.slice(start)
}

/** Where a piece of text goes: the open constructs and the characters around it. */
export interface EscapeContext {
  readonly stack: readonly string[]
  readonly before: string
  readonly after: string
  /** Characters written as references rather than backslash escapes (`` ` `` in a fence's info). */
  readonly encode?: readonly string[]
}

/**
 * Text escaped so it reads back as itself where it goes: unsafe characters get a backslash (or a
 * character reference; percent-encoding inside an autolink), intraword underscores stay bare.
 */
export function escapeText(input: string, context: EscapeContext): string {
  const { before, after } = context
  const scope = scopeOf(context.stack)
  if (!mayNeedEscape(scope, input, before, after)) return input
  const value = before + input + after
  return escapeSlow(scope, value, before.length, value.length - after.length, after, context)
}

function escapeSlow(scope: Scope, value: string, offset: number, end: number, after: string, context: EscapeContext): string {
  const positions: number[] = []
  const infos = new Map<number, { before: boolean; after: boolean }>()
  const percentEncode = context.stack.includes('autolink')
  for (const { rule, expression, hasBefore } of scope.rules) {
    if (!value.includes(rule.character)) continue
    expression.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = expression.exec(value))) {
      const position = match.index + (hasBefore ? match[1]!.length : 0)
      const info = infos.get(position)
      if (info) {
        if (info.before && !hasBefore) info.before = false
        if (info.after && !rule.after) info.after = false
      } else {
        positions.push(position)
        infos.set(position, { before: hasBefore, after: Boolean(rule.after) })
      }
    }
  }
  positions.sort((a, b) => a - b)
  let out = ''
  let start = offset
  for (let index = 0; index < positions.length; index++) {
    const position = positions[index]!
    if (position < start || position >= end) continue
    // Intraword underscores (`a_b`) cannot form emphasis: leave them bare.
    if (
      value.charAt(position) === '_' &&
      position > 0 &&
      classifyCharacter(value.charCodeAt(position - 1)) === undefined &&
      !infos.has(position - 1) &&
      !(position - 1 === offset && /[*_]/.test(value.charAt(offset - 1)))
    ) {
      let sequenceEnd = position + 1
      while (sequenceEnd < end && value.charAt(sequenceEnd) === '_') sequenceEnd++
      const skip = sequenceEnd - position - 1
      if (
        positions[index + skip] === sequenceEnd - 1 &&
        sequenceEnd < value.length &&
        classifyCharacter(value.charCodeAt(sequenceEnd)) === undefined &&
        !infos.has(sequenceEnd) &&
        !(sequenceEnd === end - 1 && /[*_]/.test(value.charAt(end)))
      ) {
        index += skip
        continue
      }
    }
    // A character unsafe only next to another that is escaped anyway stays bare.
    const info = infos.get(position)!
    const nextInfo = infos.get(position + 1)
    const previousInfo = infos.get(position - 1)
    if (
      (position + 1 < end && positions[index + 1] === position + 1 && info.after && !nextInfo!.before && !nextInfo!.after) ||
      (position - 1 >= offset && positions[index - 1] === position - 1 && info.before && !previousInfo!.before && !previousInfo!.after)
    ) {
      continue
    }
    if (start !== position) {
      const slice = value.slice(start, position)
      out += percentEncode ? slice : escapeBackslashes(slice, '\\')
    }
    start = position + 1
    const character = value.charAt(position)
    if (percentEncode) out += `%${value.charCodeAt(position).toString(16).toUpperCase().padStart(2, '0')}`
    else if (ASCII_PUNCTUATION.test(character) && !context.encode?.includes(character)) out += `\\${character}`
    else out += characterReference(value.charCodeAt(position))
  }
  const rest = value.slice(start, end)
  return out + (percentEncode ? rest : escapeBackslashes(rest, after))
}
