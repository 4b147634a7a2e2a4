import type { Labels } from '../../../core/i18n.js'
import type { ProjectFacts } from '../facts.js'
import type { FileFamily } from '../generated.js'
import { markdownText } from '../serialize.js'
import { lintCommand } from './workflows.js'

/** The README's words, in the document's language. */
const WORDS = {
  problem: { en: 'Problem', uz: 'Muammo' },
  noProblem: { en: 'The design document does not state the problem yet.', uz: 'Loyiha hujjatida muammo hali bayon qilinmagan.' },
  designDoc: { en: 'Design document', uz: 'Loyiha hujjati' },
  designDocText: {
    en: 'is the ML Engineering Document this project follows, written in MLDoc. CI checks it with',
    uz: '— ushbu loyiha asoslangan ML muhandislik hujjati, MLDocʼda yozilgan. CI uni tekshiradi:',
  },
  metrics: { en: 'Success metrics', uz: 'Muvaffaqiyat metrikalari' },
  metricColumns: { en: 'Metric | Layer | Baseline | Target | Better', uz: 'Metrika | Qatlam | Bazaviy qiymat | Maqsad | Yaxshiroq' },
  noMetrics: { en: 'The design document lists no metrics yet.', uz: 'Loyiha hujjatida hali metrikalar yoʻq.' },
  tools: { en: 'Tools', uz: 'Vositalar' },
  toolColumns: { en: 'Category | Tool', uz: 'Toifa | Vosita' },
  noTools: { en: 'No tools are chosen in the design document yet.', uz: 'Loyiha hujjatida hali vositalar tanlanmagan.' },
  start: { en: 'Getting started', uz: 'Boshlash' },
  layout: { en: 'Layout', uz: 'Tuzilishi' },
} satisfies Record<string, Labels>

function table(columns: string, rows: readonly (readonly string[])[]): string {
  const header = `| ${columns} |`
  const rule = `| ${columns.split(' | ').map(() => '---').join(' | ')} |`
  return [header, rule, ...rows.map((row) => `| ${row.map(markdownText).join(' | ')} |`)].join('\n')
}

function layout(facts: ProjectFacts): string {
  const lines = [
    ['data/raw, data/interim, data/processed', 'data by stage'],
    ['notebooks/', 'exploration'],
    ['src/data', 'make_dataset.py, validate.py'],
    ['src/features', 'build_features.py'],
    ['src/models', 'train.py, predict.py, evaluate.py'],
    ['src/api', 'FastAPI app'],
    ...(facts.stack.bentoml ? [['src/serving', 'BentoML service (bentofile.yaml)']] : []),
    ...(facts.stack.airflow ? [['airflow/dags', 'Airflow DAG']] : []),
    ...(facts.stack.prefect || facts.stack.dagster ? [['pipelines/', [facts.stack.prefect && 'Prefect flow', facts.stack.dagster && 'Dagster job'].filter(Boolean).join(', ')]] : []),
    ...(facts.stack.dvc ? [['dvc.yaml', 'DVC pipeline']] : []),
    ['params.yaml', 'data, training settings and the metrics'],
    ['configs/', facts.stack.mlflow ? 'MLflow settings' : 'settings'],
    ['tests/', 'pytest'],
    ['k8s/', 'Kubernetes manifests'],
    ['monitoring/', 'Prometheus and Grafana'],
    ['.github/workflows', 'CI, training, deployment'],
    [facts.designDoc, 'design document'],
  ]
  const width = Math.max(...lines.map(([path]) => path!.length)) + 2
  return ['```text', ...lines.map(([path, what]) => `${path!.padEnd(width)}${what}`), '```'].join('\n')
}

function readme(facts: ProjectFacts): string {
  const w = (key: keyof typeof WORDS) => WORDS[key][facts.lang]
  const metrics = facts.metrics.length === 0
    ? w('noMetrics')
    : table(w('metricColumns'), facts.metrics.map((m) => [m.name, m.layer ?? '', m.baseline, m.target, m.direction ?? '']))
  const tools = facts.tools.length === 0 ? w('noTools') : table(w('toolColumns'), facts.tools.map((t) => [t.category, t.chosen]))
  return `# ${markdownText(facts.title)}

## ${w('problem')}

${facts.problem?.trimEnd() ?? w('noProblem')}

## ${w('designDoc')}

[${facts.designDoc}](${facts.designDoc}) ${w('designDocText')} \`${lintCommand(facts)}\`.

## ${w('metrics')}

${metrics}

## ${w('tools')}

${tools}

## ${w('start')}

\`\`\`sh
make install
make pipeline
make serve
\`\`\`

## ${w('layout')}

${layout(facts)}
`
}

/** README.md: the problem, the design document, its metrics and chosen tools, how to start, the layout. */
export const readmeFiles: FileFamily = (facts) => [{ path: 'README.md', content: readme(facts) }]
