import type { Labels } from '../i18n.js'

/**
 * What the flowchart parser says when a diagram does not parse, in both languages. Each text
 * names what was expected and what was found, so the line it points at is enough to fix it.
 */
export const flowchartMessages = {
  emptyDiagram: (): Labels => ({
    en: 'The diagram is empty: write "flowchart LR" and then one node or link per line',
    uz: 'Diagramma boʻsh: "flowchart LR" deb yozing, keyin har qatorga bitta tugun yoki bogʻlanish',
  }),
  frontMatterUnclosed: (): Labels => ({
    en: 'The front matter opened with "---" is never closed with another "---" line',
    uz: '"---" bilan ochilgan front matter boshqa "---" qatori bilan yopilmagan',
  }),
  notFlowchart: (found: Labels): Labels => ({
    en: `A flowchart starts with "flowchart" or "graph" and a direction such as LR or TD, not with ${found.en}`,
    uz: `Flowchart "flowchart" yoki "graph" soʻzi va LR yoki TD kabi yoʻnalish bilan boshlanadi, ${found.uz} bilan emas`,
  }),
  badDirection: (found: string): Labels => ({
    en: `Unknown direction ${found}: use TB, TD, BT, RL or LR (upper case)`,
    uz: `Nomaʼlum yoʻnalish ${found}: TB, TD, BT, RL yoki LR ishlating (katta harflarda)`,
  }),
  expectedNode: (after: Labels, found: Labels): Labels => ({
    en: `Expected a node id ${after.en}, found ${found.en}`,
    uz: `${after.uz} tugun identifikatori kutilgan edi, lekin ${found.uz} uchradi`,
  }),
  keywordAsId: (word: string): Labels => ({
    en: `"${word}" is a Mermaid keyword and cannot start a node id: rename the node (for example "${word[0]!.toUpperCase()}${word.slice(1)}" or "${word}Node")`,
    uz: `"${word}" Mermaid kalit soʻzi, tugun identifikatori u bilan boshlana olmaydi: tugunni qayta nomlang (masalan "${word[0]!.toUpperCase()}${word.slice(1)}" yoki "${word}Node")`,
  }),
  labelForbidden: (node: string, char: string): Labels => ({
    en: `The label of node "${node}" contains "${char}", which Mermaid reads as a bracket, not as text: put the label in quotes, e.g. ${node}["..."]`,
    uz: `"${node}" tugunining yorligʻida "${char}" bor, Mermaid uni matn emas, qavs deb oʻqiydi: yorliqni qoʻshtirnoqqa oling, masalan ${node}["..."]`,
  }),
  labelUnclosed: (node: string, closer: string): Labels => ({
    en: `The label of node "${node}" is never closed with "${closer}"`,
    uz: `"${node}" tugunining yorligʻi "${closer}" bilan yopilmagan`,
  }),
  labelEmpty: (node: string): Labels => ({
    en: `Node "${node}" has an empty label: write its name between the brackets or drop the brackets`,
    uz: `"${node}" tugunining yorligʻi boʻsh: qavslar ichiga nomini yozing yoki qavslarni olib tashlang`,
  }),
  stringUnclosed: (): Labels => ({
    en: 'A quoted text is never closed with "',
    uz: 'Qoʻshtirnoqdagi matn " bilan yopilmagan',
  }),
  shapeDataUnclosed: (node: string): Labels => ({
    en: `The shape data of node "${node}" opened with "@{" is not closed with "}"`,
    uz: `"${node}" tugunining "@{" bilan ochilgan shakl maʼlumotlari "}" bilan yopilmagan`,
  }),
  edgeTextUnclosed: (open: string): Labels => ({
    en: `The link text after "${open}" is never closed by an arrow such as "-->"`,
    uz: `"${open}" dan keyingi bogʻlanish matni "-->" kabi strelka bilan yopilmagan`,
  }),
  edgeTextEmpty: (open: string): Labels => ({
    en: `The link text after "${open}" is empty: write the text or use a plain arrow such as "-->"`,
    uz: `"${open}" dan keyingi bogʻlanish matni boʻsh: matnni yozing yoki "-->" kabi oddiy strelka ishlating`,
  }),
  pipeUnclosed: (): Labels => ({
    en: 'The link label opened with "|" is never closed with another "|"',
    uz: '"|" bilan ochilgan bogʻlanish yorligʻi boshqa "|" bilan yopilmagan',
  }),
  pipeForbidden: (char: string): Labels => ({
    en: `The link label contains "${char}": put it in quotes, e.g. |"..."|`,
    uz: `Bogʻlanish yorligʻida "${char}" bor: uni qoʻshtirnoqqa oling, masalan |"..."|`,
  }),
  unexpected: (found: Labels): Labels => ({
    en: `Unexpected ${found.en}: write one node or link per line, or separate statements with ";"`,
    uz: `Kutilmagan ${found.uz}: har qatorga bitta tugun yoki bogʻlanish yozing yoki ifodalarni ";" bilan ajrating`,
  }),
  inlineComment: (): Labels => ({
    en: 'A comment ("%%") must be on a line of its own',
    uz: 'Izoh ("%%") alohida qatorda boʻlishi kerak',
  }),
  subgraphNoName: (): Labels => ({
    en: 'A subgraph needs a name: "subgraph training [Training pipeline]"',
    uz: 'Subgraph nomga ega boʻlishi kerak: "subgraph training [Training pipeline]"',
  }),
  subgraphUnclosed: (name: string): Labels => ({
    en: `Subgraph "${name}" is never closed with "end"`,
    uz: `"${name}" subgraph "end" bilan yopilmagan`,
  }),
  endWithoutSubgraph: (): Labels => ({
    en: '"end" closes a subgraph, but no subgraph is open here',
    uz: '"end" subgraphni yopadi, lekin bu yerda ochiq subgraph yoʻq',
  }),
  missingArguments: (keyword: string, usage: string): Labels => ({
    en: `"${keyword}" needs its arguments: ${usage}`,
    uz: `"${keyword}" argumentlari yetishmaydi: ${usage}`,
  }),
  accDescrUnclosed: (): Labels => ({
    en: 'The description opened with "accDescr {" is not closed with "}"',
    uz: '"accDescr {" bilan ochilgan tavsif "}" bilan yopilmagan',
  }),
} as const

/** How the parser names what it found at a position: a quoted word, or the end of a line or of the diagram. */
export function describeFound(source: string, at: number): Labels {
  const char = source[at]
  if (char === undefined) return { en: 'the end of the diagram', uz: 'diagramma oxiri' }
  if (char === '\n') return { en: 'the end of the line', uz: 'qator oxiri' }
  const word = /[^\s]{1,20}/y
  word.lastIndex = at
  const quoted = `"${word.exec(source)?.[0] ?? char}"`
  return { en: quoted, uz: quoted }
}
