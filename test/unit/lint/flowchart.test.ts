// @vitest-environment jsdom
// MLDoc's Mermaid flowchart parser: what it returns, where it reports errors, and that it agrees
// with the real mermaid (which needs a DOM, hence jsdom here) on a corpus of diagrams.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFlowchart, type Flowchart } from '../../../core/mermaid/flowchart.js'

function parsed(source: string): Flowchart {
  const result = parseFlowchart(source)
  if (!result.ok) throw new Error(`did not parse: ${result.error.line}:${result.error.column} ${result.error.message.en}`)
  return result.flowchart
}

function failure(source: string): { line: number; column: number; en: string; uz: string } {
  const result = parseFlowchart(source)
  if (result.ok) throw new Error('parsed, but should not')
  return { line: result.error.line, column: result.error.column, en: result.error.message.en, uz: result.error.message.uz }
}

describe('parseFlowchart', () => {
  it('returns nodes with labels, subgraphs and links of a realistic architecture', () => {
    const chart = parsed([
      '---',
      'title: Churn service',
      '---',
      '%%{init: {"theme": "neutral"}}%%',
      'flowchart LR',
      '  %% serving path',
      '  subgraph serving [Online serving]',
      '    direction TB',
      '    crm>CRM] -->|"GET /score"| api[Prediction API]',
      '    api --> fs[(Feast online store)] & model((Model))',
      '  end',
      '  train[/Training job/] -. registers .-> registry[[MLflow registry]]',
      '  registry ==> model',
      '  api --> log@{ shape: cyl, label: "Prediction log" }',
      '  classDef store fill:#eef',
      '  class fs,log store',
      '  style api stroke-width:2px',
      '  linkStyle 0 stroke:#f00',
      '  click api "https://example.com/api"',
    ].join('\n'))
    expect(chart.direction).toBe('LR')
    expect(chart.nodes.map((n) => [n.id, n.label, n.line])).toEqual([
      ['crm', 'CRM', 9],
      ['api', 'Prediction API', 9],
      ['fs', 'Feast online store', 10],
      ['model', 'Model', 10],
      ['train', 'Training job', 12],
      ['registry', 'MLflow registry', 12],
      ['log', 'Prediction log', 14],
    ])
    expect(chart.subgraphs).toEqual([{ id: 'serving', label: 'Online serving', line: 7 }])
    expect(chart.links.map((l) => `${l.from}->${l.to}:${l.label ?? ''}`)).toEqual([
      'crm->api:GET /score', 'api->fs:', 'api->model:', 'train->registry:registers', 'registry->model:', 'api->log:',
    ])
  })

  it('keeps the last label a node is given, as mermaid does', () => {
    expect(parsed('graph TD\n  a --> b\n  a[First] --> c\n  a(Second)').nodes[0]).toEqual({ id: 'a', label: 'Second', line: 2 })
  })

  it('accepts every node shape, arrow and chain form people write', () => {
    const chart = parsed([
      'flowchart TD',
      '  a(round) --> b([stadium]) --> c[[sub]] --> d[(db)] --> e((circle)) --> f>flag]',
      '  f --> g{rhombus} --> h{{hex}} --> i[/lean/] --> j[\\lean\\] --> k[/trap\\] --> l[\\inv/] --> m(((double)))',
      '  a -.-> b ==> c --- d -.- e === f ~~~ g <--> h o--o i x--x j --o k --x l ----> m',
      '  a -- text --> b == thick ==> c -. dotted .-> d -->|pipe| e --- |"quoted | pipe"| f',
      '  a & b --> c & d; e:::hot --> f[label]:::cold',
      '  A e1@--> B',
    ].join('\n'))
    expect(chart.nodes.map((n) => n.id).join(' ')).toBe('a b c d e f g h i j k l m A B')
    expect(chart.nodes.find((n) => n.id === 'm')!.label).toBe('double')
    expect(chart.links).toHaveLength(5 + 7 + 12 + 5 + 4 + 1 + 1)
  })

  it('reports the line and column of the first error, in both languages', () => {
    expect(failure('flowchart LR\n  a --> b\n  b --> c(label (v2))')).toEqual({
      line: 3, column: 17,
      en: 'The label of node "c" contains "(", which Mermaid reads as a bracket, not as text: put the label in quotes, e.g. c["..."]',
      uz: '"c" tugunining yorligʻida "(" bor, Mermaid uni matn emas, qavs deb oʻqiydi: yorliqni qoʻshtirnoqqa oling, masalan c["..."]',
    })
    expect(failure('flowchart LR\n  a --> b -->')).toMatchObject({ line: 2, column: 14, en: 'Expected a node id after "-->", found the end of the diagram' })
    expect(failure('flowchart LR\n  subgraph one\n    a --> b')).toMatchObject({ line: 2, column: 3, en: 'Subgraph "one" is never closed with "end"' })
    expect(failure('flowchart LR\n  a --> end')).toMatchObject({ line: 2, column: 9 })
    expect(failure('flowchart LR\n  a --> b %% note').en).toBe('A comment ("%%") must be on a line of its own')
    expect(failure('sequenceDiagram\n  a->>b: hi').en).toMatch(/^A flowchart starts with "flowchart" or "graph".*not with "sequenceDiagram"$/)
    expect(failure('flowchart lr\n  a --> b')).toMatchObject({ line: 1, column: 11, en: 'Unknown direction "lr": use TB, TD, BT, RL or LR (upper case)' })
    expect(failure('')).toMatchObject({ line: 1, column: 1 })
    expect(failure('%% only a comment\n')).toMatchObject({ line: 2, column: 1 })
    expect(failure('flowchart LR\r\n  a --> b\r\n  c[x')).toMatchObject({ line: 3, column: 6 })
  })
})

/** Diagrams of the fixture file, each with what mermaid says about it. */
const CORPUS = readFileSync(join(import.meta.dirname, 'fixtures/flowcharts.txt'), 'utf8').split('\n=====\n').slice(1)

/** mermaid's verdict on a diagram: the nodes (id and shown text), or that it fails. */
async function mermaidVerdict(source: string): Promise<{ ok: true; nodes: string[] } | { ok: false }> {
  const { default: mermaid } = await import('mermaid')
  try {
    await mermaid.parse(source)
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source)
    if (!diagram.type.startsWith('flowchart')) return { ok: false }
    const db = diagram.db as unknown as { getVertices(): Map<string, { id: string; text: string }> }
    return { ok: true, nodes: [...db.getVertices().values()].map((v) => `${v.id}=${v.text}`) }
  } catch {
    return { ok: false }
  }
}

describe('parseFlowchart agrees with mermaid 11', () => {
  it('has a corpus of accepted and rejected diagrams', () => {
    expect(CORPUS.length).toBeGreaterThan(140)
  })

  it('accepts and rejects the same diagrams, and finds the same nodes and labels', async () => {
    const disagreements: string[] = []
    for (const source of CORPUS) {
      const theirs = await mermaidVerdict(source)
      const ours = parseFlowchart(source)
      const oursNodes = ours.ok ? ours.flowchart.nodes.map((n) => `${n.id}=${(n.label ?? n.id).replace(/<br\s*\/?>/g, '<br>')}`) : null
      const same = theirs.ok ? oursNodes !== null && JSON.stringify(oursNodes) === JSON.stringify(theirs.nodes) : oursNodes === null
      if (!same) disagreements.push(`${JSON.stringify(source)}\n  mermaid: ${theirs.ok ? theirs.nodes.join(' | ') : 'error'}\n  mldoc:   ${oursNodes?.join(' | ') ?? (ours.ok ? '' : ours.error.message.en)}`)
    }
    expect(disagreements).toEqual([])
    const accepted = CORPUS.filter((s) => parseFlowchart(s).ok).length
    expect(accepted).toBeGreaterThan(60)
    expect(CORPUS.length - accepted).toBeGreaterThan(40)
  })
})
