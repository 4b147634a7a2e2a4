import type { Lang } from '../../i18n.js'
import type { BlockSpec } from '../define.js'
import { tableJSON } from '../table-json.js'

/** Column headers of the components table, in each language. */
export const COMPONENT_COLUMNS: Record<Lang, readonly string[]> = {
  en: ['Component', 'Type', 'Technology', 'Owner'],
  uz: ['Komponent', 'Turi', 'Texnologiya', 'Masʼul'],
}

const STARTER_DIAGRAM = 'flowchart LR\n  client[Client] --> api[Prediction API]\n  api --> model[Model]'

/** The system's architecture: a Mermaid flowchart and the table of its components. */
export const architectureSpec: BlockSpec = {
  type: 'architecture',
  markdownName: 'architecture',
  formatVersion: 1,
  label: { en: 'Architecture diagram', uz: 'Arxitektura diagrammasi' },
  description: { en: 'A Mermaid flowchart of the system and its components', uz: 'Tizimning Mermaid sxemasi va uning komponentlari' },
  attrs: [],
  fields: [],
  content: 'blockCode table',
  emptyContent: (lang) => [
    { type: 'blockCode', attrs: { name: 'diagram', language: 'mermaid' }, content: [{ type: 'text', text: STARTER_DIAGRAM }] },
    tableJSON([COMPONENT_COLUMNS[lang], ['client', '', '', ''], ['api', '', 'FastAPI', ''], ['model', '', '', '']]),
  ],
}
