/**
 * A strict parser for Mermaid flowcharts (`flowchart` / `graph`), the diagram language of the
 * architecture block. It returns the nodes (id and label), subgraphs and links, or the first
 * syntax error with its line and column.
 *
 * Why MLDoc has its own: mermaid's `parse()` needs a DOM (it sets up DOMPurify, which throws
 * "DOMPurify.addHook is not a function" without a window: mermaid-js/mermaid#6531), pulls d3 and
 * the renderers into whoever imports it, and does not return the nodes. The linter runs in
 * `core/` (CLI, every peer, no DOM), so it cannot use it. The renderer still draws with the real
 * mermaid. This parser follows mermaid 11's flowchart lexer (node ids, shapes, arrows, link text,
 * keywords) for the syntax people write; `test/unit/lint/flowchart.test.ts` checks that it
 * accepts and rejects the same diagrams as mermaid itself, run under jsdom.
 */
import type { Labels } from '../i18n.js'
import { describeFound, flowchartMessages as say } from './messages.js'

/** A node of a flowchart: its id and the label shown in its shape (null when only the id is shown). */
export interface FlowchartNode {
  readonly id: string
  readonly label: string | null
  /** Line (1-based) where the node first appears. */
  readonly line: number
}

/** A subgraph: a titled group of nodes (`subgraph id [Title] ... end`). */
export interface FlowchartSubgraph {
  readonly id: string
  readonly label: string | null
  readonly line: number
}

/** A link between two nodes, with its text when it has one. */
export interface FlowchartLink {
  readonly from: string
  readonly to: string
  readonly label: string | null
  readonly line: number
}

/** A parsed flowchart. */
export interface Flowchart {
  /** `TB`, `TD`, `BT`, `RL`, `LR` (or mermaid's `<`, `>`, `^`, `v`), null when not given. */
  readonly direction: string | null
  /** Nodes in order of first appearance; a later label replaces an earlier one, as in mermaid. */
  readonly nodes: readonly FlowchartNode[]
  readonly subgraphs: readonly FlowchartSubgraph[]
  readonly links: readonly FlowchartLink[]
}

/** Why a diagram does not parse, and where (1-based line and column). */
export interface FlowchartSyntaxError {
  readonly message: Labels
  readonly line: number
  readonly column: number
}

/** The result of {@link parseFlowchart}. */
export type FlowchartParseResult =
  | { readonly ok: true; readonly flowchart: Flowchart }
  | { readonly ok: false; readonly error: FlowchartSyntaxError }

/** Thrown inside the parser, turned into a {@link FlowchartSyntaxError} at the top. */
class SyntaxFailure {
  constructor(readonly at: number, readonly message: Labels) {}
}

/** Characters of a node id (mermaid's NODE_STRING and UNICODE_TEXT); `-` is handled apart. */
const ID = /(?:[\p{L}\p{N}!"#$%&'*+.`?\\_/]|-(?=[^>\-.]))+/uy
/** Words that mermaid's lexer takes as keywords wherever they start a token. */
const KEYWORD = /^(?:end|subgraph|style|linkStyle|classDef|class|click|call|href)\b/
/**
 * A complete arrow: `-->`, `---`, `--x`, `<-->`, `==>`, `-.->`, `~~~`, ... Like mermaid's lexer
 * (longest match), an arrow may start on the line after its source node.
 */
const LINK = /\s*[xo<]?(?:--+[-xo>]|==+[=xo>]|-?\.+-[xo>]?|~~~+)[ \t]*/y
/** The start of an arrow with text inside (`-- text -->`), by its opening. */
const TEXT_LINKS: readonly { open: RegExp; close: RegExp; textChar: RegExp }[] = [
  { open: /\s*[xo<]?--[ \t]*/y, close: /\s*[xo<]?--+[-xo>][ \t]*/y, textChar: /[^-]|-(?!-)/y },
  { open: /\s*[xo<]?==[ \t]*/y, close: /\s*[xo<]?==+[=xo>][ \t]*/y, textChar: /[^=]/y },
  { open: /\s*[xo<]?-\.[ \t]*/y, close: /\s*[xo<]?-?\.+-[xo>]?[ \t]*/y, textChar: /[^.]/y },
]
/** Node shapes by opening bracket, longest first, with the brackets that close them. */
const SHAPES: readonly { open: string; close: readonly string[] }[] = [
  { open: '(((', close: [')))'] },
  { open: '((', close: ['))'] },
  { open: '([', close: ['])'] },
  { open: '(', close: [')'] },
  { open: '[[', close: [']]'] },
  { open: '[(', close: [')]'] },
  { open: '[/', close: ['/]', '\\]'] },
  { open: '[\\', close: ['\\]', '/]'] },
  { open: '[', close: [']'] },
  { open: '{{', close: ['}}'] },
  { open: '{', close: ['}'] },
  { open: '>', close: [']'] },
]
/** Characters an unquoted label cannot hold: mermaid reads them as shapes, pipes or strings. */
const LABEL_FORBIDDEN = /[[\](){}|"]/
const DIRECTION = /(?:TB|TD|BT|RL|LR)\b|[<>^]|v\b/y

/** Arguments each styling statement needs before the rest of its line, and how to write it. */
const STYLING: Readonly<Record<string, { args: number; usage: string }>> = {
  classDef: { args: 2, usage: 'classDef name fill:#f9f,stroke:#333' },
  class: { args: 2, usage: 'class nodeA,nodeB name' },
  style: { args: 2, usage: 'style nodeA fill:#f9f' },
  linkStyle: { args: 2, usage: 'linkStyle 0 stroke:#f00' },
  click: { args: 2, usage: 'click nodeA "https://example.com"' },
}

/** Parses a Mermaid flowchart; never throws. */
export function parseFlowchart(source: string): FlowchartParseResult {
  const text = source.replace(/\r\n?/g, '\n')
  try {
    return { ok: true, flowchart: new FlowchartParser(text).parse() }
  } catch (e) {
    if (!(e instanceof SyntaxFailure)) throw e
    const before = text.slice(0, e.at)
    const line = before.split('\n').length
    const column = e.at - (before.lastIndexOf('\n') + 1) + 1
    return { ok: false, error: { message: e.message, line, column } }
  }
}

class FlowchartParser {
  private i = 0
  private readonly nodes = new Map<string, { id: string; label: string | null; line: number }>()
  private readonly subgraphs: FlowchartSubgraph[] = []
  private readonly links: FlowchartLink[] = []
  private readonly open: { name: string; at: number }[] = []

  constructor(private readonly src: string) {}

  parse(): Flowchart {
    this.skipPreamble()
    if (this.i >= this.src.length) throw new SyntaxFailure(this.i, say.emptyDiagram())
    const direction = this.header()
    for (;;) {
      this.skipBlank()
      if (this.i >= this.src.length) break
      this.statement()
      this.endOfStatement()
    }
    const unclosed = this.open.at(-1)
    if (unclosed) throw new SyntaxFailure(unclosed.at, say.subgraphUnclosed(unclosed.name))
    return { direction, nodes: [...this.nodes.values()], subgraphs: this.subgraphs, links: this.links }
  }

  /** Front matter, blank lines, `%%` comments and `%%{init}%%` directives before the header. */
  private skipPreamble(): void {
    if (/^---[ \t]*\n/.test(this.src)) {
      const close = /\n---[ \t]*(?:\n|$)/g
      close.lastIndex = 3
      const m = close.exec(this.src)
      if (!m) throw new SyntaxFailure(0, say.frontMatterUnclosed())
      this.i = m.index + m[0].length
    }
    for (;;) {
      this.skipWhitespace()
      if (!this.src.startsWith('%%', this.i)) return
      this.skipToLineEnd()
    }
  }

  private header(): string | null {
    const keyword = this.match(/(?:flowchart-elk|flowchart|graph)\b/y)
    if (!keyword) throw new SyntaxFailure(this.i, say.notFlowchart(describeFound(this.src, this.i)))
    this.skipSpaces()
    const direction = this.match(DIRECTION)
    if (!direction && /[^\s;]/.test(this.src[this.i] ?? '')) {
      throw new SyntaxFailure(this.i, say.badDirection(describeFound(this.src, this.i).en))
    }
    this.endOfStatement()
    return direction
  }

  private statement(): void {
    if (this.src.startsWith('%%', this.i)) {
      if (!this.atLineStart()) throw new SyntaxFailure(this.i, say.inlineComment())
      this.skipToLineEnd()
      return
    }
    const word = this.peek(/[A-Za-z]+/y) ?? ''
    const boundary = /[^\p{L}\p{N}_]|$/uy
    boundary.lastIndex = this.i + word.length
    if (word && boundary.test(this.src)) {
      const next = this.src[this.i + word.length]
      if (KEYWORD.test(word) && next !== undefined && !/[\s;]/.test(next)) throw new SyntaxFailure(this.i, say.keywordAsId(word))
      if (word === 'subgraph') return this.subgraph()
      if (word === 'end') return this.end()
      if (word === 'direction') return this.direction()
      if (word === 'accTitle' || word === 'accDescr') return this.accessibility(word)
      const styling = STYLING[word]
      if (styling) return this.styling(word, styling.args, styling.usage)
    }
    this.chain()
  }

  private subgraph(): void {
    const at = this.i
    this.i += 'subgraph'.length
    this.skipSpaces()
    if (this.atStatementEnd()) throw new SyntaxFailure(this.i, say.subgraphNoName())
    let id: string
    let label: string | null = null
    if (this.src[this.i] === '"') {
      id = this.quoted()
      label = id
    } else {
      id = (this.match(/[^[\n;]+/y) ?? '').trim()
      if (!id) throw new SyntaxFailure(this.i, say.subgraphNoName())
      if (this.src[this.i] === '[') {
        this.i++
        label = this.labelText(id, [']'])
      }
    }
    this.subgraphs.push({ id, label, line: this.lineAt(at) })
    this.open.push({ name: label ?? id, at })
  }

  private end(): void {
    if (!this.open.pop()) throw new SyntaxFailure(this.i, say.endWithoutSubgraph())
    this.i += 'end'.length
  }

  private direction(): void {
    this.i += 'direction'.length
    this.skipSpaces()
    if (!this.match(DIRECTION)) throw new SyntaxFailure(this.i, say.badDirection(describeFound(this.src, this.i).en))
  }

  private accessibility(word: string): void {
    this.i += word.length
    this.skipSpaces()
    if (word === 'accDescr' && this.src[this.i] === '{') {
      const close = this.src.indexOf('}', this.i)
      if (close < 0) throw new SyntaxFailure(this.i, say.accDescrUnclosed())
      this.i = close + 1
      return
    }
    if (this.src[this.i] !== ':') throw new SyntaxFailure(this.i, say.unexpected(describeFound(this.src, this.i)))
    this.skipToLineEnd()
  }

  /** `classDef`, `class`, `style`, `linkStyle`, `click`: checked for their arguments, the rest is styling. */
  private styling(keyword: string, args: number, usage: string): void {
    const at = this.i
    this.i += keyword.length
    const rest = this.match(/[^\n;]*/y) ?? ''
    if (!/^[ \t]/.test(rest) || rest.trim().split(/[ \t]+/).length < args) {
      throw new SyntaxFailure(at, say.missingArguments(keyword, usage))
    }
  }

  /** `a --> b & c -- text --> d`: groups of nodes joined by `&`, linked left to right. */
  private chain(): void {
    let left = this.group(null)
    for (;;) {
      const start = this.i
      const link = this.link()
      if (!link) {
        this.i = start
        return
      }
      this.skipWhitespace()
      const right = this.group(link.open)
      const line = this.lineAt(start)
      for (const from of left) for (const to of right) this.links.push({ from, to, label: link.label, line })
      left = right
    }
  }

  private group(after: string | null): string[] {
    const ids = [this.node(after)]
    for (;;) {
      const start = this.i
      this.skipSpaces()
      if (this.src[this.i] !== '&') {
        this.i = start
        return ids
      }
      this.i++
      this.skipSpaces()
      ids.push(this.node('&'))
    }
  }

  /** One node: its id, then an optional shape with a label, then an optional `:::class`. */
  private node(after: string | null): string {
    const at = this.i
    const id = this.src[this.i] === '"' || this.src[this.i] === '&' ? null : this.match(ID)
    if (!id) {
      const where: Labels = after
        ? { en: `after "${after}"`, uz: `"${after}" dan keyin` }
        : { en: 'at the start of the statement', uz: 'ifoda boshida' }
      throw new SyntaxFailure(at, say.expectedNode(where, describeFound(this.src, at)))
    }
    const keyword = KEYWORD.exec(id)
    if (keyword) throw new SyntaxFailure(at, say.keywordAsId(keyword[0]))
    let label: string | null = null
    if (this.src.startsWith('@{', this.i)) {
      label = this.shapeData(id)
    } else {
      const shape = SHAPES.find((s) => this.src.startsWith(s.open, this.i))
      if (shape) {
        this.i += shape.open.length
        label = this.labelText(id, shape.close)
      }
    }
    this.match(/:::[\p{L}\p{N}_-]+/uy)
    const known = this.nodes.get(id)
    if (!known) this.nodes.set(id, { id, label, line: this.lineAt(at) })
    else if (label !== null) known.label = label
    return id
  }

  /** The text of a shape up to one of its closing brackets: quoted (anything) or plain (no brackets). */
  private labelText(node: string, closers: readonly string[]): string {
    const closeAt = () => closers.find((c) => this.src.startsWith(c, this.i))
    let text: string
    if (this.src[this.i] === '"') {
      text = this.quoted().replace(/^`([\s\S]*)`$/, '$1')
    } else {
      const start = this.i
      while (!closeAt()) {
        const char = this.src[this.i]
        if (char === undefined) throw new SyntaxFailure(this.i, say.labelUnclosed(node, closers[0]!))
        if (LABEL_FORBIDDEN.test(char)) throw new SyntaxFailure(this.i, say.labelForbidden(node, char))
        this.i++
      }
      text = this.src.slice(start, this.i)
      if (!text.trim()) throw new SyntaxFailure(start, say.labelEmpty(node))
    }
    const closer = closeAt()
    if (!closer) {
      const char = this.src[this.i]
      throw new SyntaxFailure(this.i, char === undefined ? say.labelUnclosed(node, closers[0]!) : say.labelForbidden(node, char))
    }
    this.i += closer.length
    return text.trim()
  }

  /** `@{ shape: cyl, label: "Feature store" }`: the label, when it has one. */
  private shapeData(node: string): string | null {
    const start = this.i
    this.i += 2
    let body = ''
    for (;;) {
      const char = this.src[this.i]
      if (char === undefined) throw new SyntaxFailure(start, say.shapeDataUnclosed(node))
      if (char === '}') break
      if (char === '"') body += `"${this.quoted()}"`
      else {
        body += char
        this.i++
      }
    }
    this.i++
    const m = /(?:^|[\s,{])label\s*:\s*(?:"([^"]*)"|([^,\n}]*))/.exec(body)
    const label = (m?.[1] ?? m?.[2] ?? '').trim()
    return label || null
  }

  /** A link after a node: an arrow with optional `|text|`, or an arrow with text inside it. */
  private link(): { open: string; label: string | null } | null {
    const start = this.i
    this.match(/\s*[\p{L}\p{N}_]+@(?=[-=.~<xo])/uy)
    const arrow = this.match(LINK)
    if (arrow) {
      let label: string | null = null
      if (this.src[this.i] === '|') label = this.pipeText()
      return { open: arrow.trim(), label }
    }
    for (const kind of TEXT_LINKS) {
      const open = this.match(kind.open)
      if (!open) continue
      const textStart = this.i
      for (;;) {
        kind.close.lastIndex = this.i
        if (kind.close.test(this.src)) break
        kind.textChar.lastIndex = this.i
        if (!kind.textChar.test(this.src)) throw new SyntaxFailure(this.i, say.edgeTextUnclosed(open.trim()))
        this.i++
      }
      const label = this.src.slice(textStart, this.i).trim()
      if (!label) throw new SyntaxFailure(textStart, say.edgeTextEmpty(open.trim()))
      this.match(kind.close)
      return { open: open.trim(), label }
    }
    this.i = start
    return null
  }

  private pipeText(): string {
    this.i++
    this.skipSpaces()
    let text: string
    if (this.src[this.i] === '"') text = this.quoted()
    else {
      const start = this.i
      while (this.src[this.i] !== '|') {
        const char = this.src[this.i]
        if (char === undefined) throw new SyntaxFailure(this.i, say.pipeUnclosed())
        if (LABEL_FORBIDDEN.test(char)) throw new SyntaxFailure(this.i, say.pipeForbidden(char))
        this.i++
      }
      text = this.src.slice(start, this.i)
    }
    this.skipSpaces()
    if (this.src[this.i] !== '|') throw new SyntaxFailure(this.i, say.pipeUnclosed())
    this.i++
    return text.trim()
  }

  /** A `"..."` string (it may span lines, as in mermaid), returned without its quotes. */
  private quoted(): string {
    const start = this.i
    this.i++
    const close = this.src.indexOf('"', this.i)
    if (close < 0) throw new SyntaxFailure(start, say.stringUnclosed())
    this.i = close + 1
    return this.src.slice(start + 1, close)
  }

  private endOfStatement(): void {
    this.skipSpaces()
    const char = this.src[this.i]
    if (char === undefined || char === '\n') return
    if (char === ';') {
      this.i++
      return
    }
    if (this.src.startsWith('%%', this.i)) throw new SyntaxFailure(this.i, say.inlineComment())
    throw new SyntaxFailure(this.i, say.unexpected(describeFound(this.src, this.i)))
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.i
    const m = re.exec(this.src)
    if (!m) return null
    this.i += m[0].length
    return m[0]
  }

  private peek(re: RegExp): string | null {
    re.lastIndex = this.i
    return re.exec(this.src)?.[0] ?? null
  }

  private atStatementEnd(): boolean {
    const char = this.src[this.i]
    return char === undefined || char === '\n' || char === ';'
  }

  private atLineStart(): boolean {
    return /(?:^|\n)[ \t]*$/.test(this.src.slice(0, this.i))
  }

  private skipSpaces(): void {
    while (this.src[this.i] === ' ' || this.src[this.i] === '\t') this.i++
  }

  private skipWhitespace(): void {
    while (/\s/.test(this.src[this.i] ?? '')) this.i++
  }

  private skipBlank(): void {
    while (/[\s;]/.test(this.src[this.i] ?? '')) this.i++
  }

  private skipToLineEnd(): void {
    const newline = this.src.indexOf('\n', this.i)
    this.i = newline < 0 ? this.src.length : newline
  }

  private lineAt(at: number): number {
    let line = 1
    for (let k = 0; k < at; k++) if (this.src.charCodeAt(k) === 10) line++
    return line
  }
}
