import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MLDocument } from '../../core/document/model.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { documentFromTemplate } from '../../core/templates/index.js'
import { scaffoldProject } from '../../node/scaffold/index.js'
import { findTemplate } from '../../node/templates.js'
import { CHURN_EXAMPLE, docFrom, readDoc, scratch } from '../repo/git-fixture.js'
import { designDoc, HOSTILE_TITLE, HOSTILE_TITLE_YAML, listFiles, metric, parseAll, snapshot, toolChoice } from './fixtures.js'

/** The layout every project gets, whatever its tools (issue 5). */
const LAYOUT = [
  'data/raw/.gitkeep', 'data/interim/.gitkeep', 'data/processed/.gitkeep', 'notebooks/.gitkeep',
  'src/data/make_dataset.py', 'src/data/validate.py', 'src/features/build_features.py',
  'src/models/train.py', 'src/models/predict.py', 'src/models/evaluate.py', 'src/api/app.py',
  'tests/test_params.py', 'params.yaml', 'Dockerfile', 'docker-compose.yml',
  '.github/workflows/ci.yml', '.github/workflows/train.yml', '.github/workflows/deploy.yml',
  'k8s/deployment.yaml', 'k8s/service.yaml', 'monitoring/prometheus.yml', 'monitoring/grafana/dashboards/service.json',
  'requirements.txt', 'pyproject.toml', 'README.md', 'Makefile',
]

/** Files that exist only when their tool is chosen. */
const TOOL_FILES = {
  dvc: 'dvc.yaml',
  bentoml: 'bentofile.yaml',
  bentomlService: 'src/serving/service.py',
  prefect: 'pipelines/prefect_flow.py',
  dagster: 'pipelines/dagster_job.py',
  mlflow: 'configs/mlflow.yaml',
}

let dir: string
let remove: () => void
beforeEach(() => ({ dir, remove } = scratch()))
afterEach(() => remove())

/** Scaffolds `doc` into a new folder and returns the folder, what was created and every file parsed. */
async function scaffold(doc: MLDocument, name = 'project') {
  const project = join(dir, name)
  const result = await scaffoldProject({ doc, dir: project })
  return { project, result, parsed: parseAll(project), files: listFiles(project) }
}

function read(project: string, path: string): string {
  return readFileSync(join(project, path), 'utf8')
}

type Workflow = { jobs: Record<string, { steps: { run?: string }[] }> }
type Params = { metrics: Record<string, unknown>[]; project: { title: string } }

describe('scaffoldProject from the churn example', () => {
  let churn: MLDocument
  beforeAll(() => {
    churn = readDoc(CHURN_EXAMPLE)
  })

  it('creates the layout, the design document and the files of the chosen tools; everything parses', async () => {
    const { project, result, parsed, files } = await scaffold(churn)
    expect(result.skipped).toEqual([])
    expect(result.created).toEqual(files)
    for (const path of LAYOUT) expect(files, path).toContain(path)
    expect(read(project, 'docs/design/churn-prediction-service.md')).toBe(exportMarkdown(churn))
    // DVC, Airflow, MLflow and BentoML are chosen; Prefect and Dagster are not.
    for (const path of [TOOL_FILES.dvc, TOOL_FILES.bentoml, TOOL_FILES.bentomlService, TOOL_FILES.mlflow, 'airflow/dags/churn_prediction_service_pipeline.py']) expect(files).toContain(path)
    for (const path of [TOOL_FILES.prefect, TOOL_FILES.dagster]) expect(files).not.toContain(path)
    expect((parsed['(python files)'] as string[]).length).toBeGreaterThan(15)

    const params = parsed['params.yaml'] as Params
    expect(params.metrics[0]).toEqual({
      key: 'recall_at_top_10', name: 'Recall at top 10%', layer: 'offline', direction: 'higher',
      baseline: 0.31, target: 0.55, minimum: 0.45, window: '30 days after each scoring date, averaged over the three test months',
    })
    expect(params.metrics.map((m) => [m.key, m.direction, m.baseline, m.target])).toContainEqual(['monthly_postpaid_churn_rate', 'lower', '2.1%', '1.8%'])
    expect(params.metrics).toHaveLength(6)

    const ci = parsed['.github/workflows/ci.yml'] as Workflow
    expect(ci.jobs['design-doc']!.steps.map((step) => step.run)).toContain('npx mldoc lint docs/design/churn-prediction-service.md')

    const readme = read(project, 'README.md')
    expect(readme).toMatch(/^# Churn prediction service\n\n## Problem\n\nMonthly postpaid churn is 2\.1%/)
    expect(readme).toContain('[docs/design/churn-prediction-service.md](docs/design/churn-prediction-service.md)')
    for (const row of ['| Data versioning | DVC |', '| Model serving | BentoML |', '| Workflow orchestration | Apache Airflow |', '| Recall at top 10% | offline | 0.31 | 0.55 | higher |']) {
      expect(readme).toContain(row)
    }

    expect(read(project, 'requirements.txt')).toMatch(/^mlflow>=.*\n(?:.*\n)*?bentoml>=/m)
    expect(read(project, 'requirements-dev.txt')).toContain('\ndvc>=3.0\napache-airflow>=2.8,<3\n')
    expect(read(project, 'requirements-dev.txt')).not.toMatch(/prefect|dagster/)
    expect(read(project, 'src/models/train.py')).toContain('mlflow.start_run()')
    expect(read(project, 'Dockerfile')).toContain('CMD ["bentoml", "serve", "src.serving.service:PredictionService"')
    const deployment = parsed['k8s/deployment.yaml'] as { metadata: { name: string }; spec: { template: { spec: { containers: { readinessProbe: { httpGet: { path: string } } }[] } } } }
    expect(deployment.metadata.name).toBe('churn-prediction-service')
    expect(deployment.spec.template.spec.containers[0]!.readinessProbe.httpGet.path).toBe('/readyz')
    expect((parsed['monitoring/grafana/dashboards/service.json'] as { title: string }).title).toBe('Churn prediction service')
    expect(read(project, 'Makefile')).toMatch(/\npipeline:\n\tdvc repro\n/)
    for (const line of read(project, 'Makefile').split('\n')) expect(line, 'a recipe line starts with a tab').not.toMatch(/^ +\S/)
  })

  it('changes nothing when run again over its own output: a byte-identical tree, every file skipped', async () => {
    const { project, result } = await scaffold(churn)
    const before = snapshot(project)
    const again = await scaffoldProject({ doc: churn, dir: project })
    expect(again.created).toEqual([])
    expect(again.skipped).toEqual(result.created.map((path) => ({ path, reason: 'already exists' })))
    expect(snapshot(project)).toEqual(before)
  })

  it('never overwrites an existing file and never writes through a symbolic link', async () => {
    const project = join(dir, 'project')
    const bigDisk = join(dir, 'big-disk')
    mkdirSync(project)
    mkdirSync(bigDisk)
    writeFileSync(join(project, 'README.md'), 'Our own README\n')
    symlinkSync(bigDisk, join(project, 'data'))
    const { skipped, created } = await scaffoldProject({ doc: churn, dir: project })
    expect(skipped).toEqual([
      { path: 'README.md', reason: 'already exists' },
      ...['data/interim/.gitkeep', 'data/processed/.gitkeep', 'data/raw/.gitkeep'].map((path) => ({
        path, reason: 'data is a symbolic link; MLDoc does not follow links, so nothing it writes can end up outside the folder',
      })),
    ].sort((a, b) => (a.path < b.path ? -1 : 1)))
    expect(created).toContain('params.yaml')
    expect(read(project, 'README.md')).toBe('Our own README\n')
    expect(readdirSync(bigDisk)).toEqual([])
  })
})

describe('scaffoldProject follows the tool choices', () => {
  it('DVC, Airflow and BentoML, with a title that would break any file it were pasted into', async () => {
    const doc = docFrom(designDoc(HOSTILE_TITLE_YAML, 'Fraud costs us 2% of card revenue.', [
      toolChoice('Data versioning', 'DVC', 'LakeFS'),
      toolChoice('Workflow orchestration', 'Apache Airflow', 'Prefect, Dagster'),
      toolChoice('Model serving', 'BentoML', 'FastAPI (custom)'),
      toolChoice('Experiment tracking', 'Weights & Biases', 'MLflow'),
      metric('Recall "top" 10% \\| # {x}: \\\\ ok', 'offline', 'higher', '0.4', '0.6', '0.5'),
    ]))
    expect(doc.meta.title).toBe(HOSTILE_TITLE)
    const { project, files, parsed } = await scaffold(doc)
    const slug = 'fraud-scoring-v2-x-y-z-end-second-line-ozbek'
    expect(files).toContain(`docs/design/${slug}.md`)
    for (const path of [TOOL_FILES.dvc, TOOL_FILES.bentoml, TOOL_FILES.bentomlService, `airflow/dags/${slug.replace(/-/g, '_')}_pipeline.py`]) expect(files).toContain(path)
    for (const path of [TOOL_FILES.prefect, TOOL_FILES.dagster, TOOL_FILES.mlflow]) expect(files).not.toContain(path)
    expect(files).toContain('configs/.gitkeep')

    // The title came through every serializer intact.
    expect((parsed['params.yaml'] as Params).project.title).toBe(HOSTILE_TITLE)
    expect((parsed['pyproject.toml'] as { project: { description: string } }).project.description).toBe(HOSTILE_TITLE)
    expect((parsed['monitoring/grafana/dashboards/service.json'] as { title: string }).title).toBe(HOSTILE_TITLE)
    expect((parsed['bentofile.yaml'] as { description: string }).description).toBe(HOSTILE_TITLE)
    expect((parsed['params.yaml'] as Params).metrics[0]).toMatchObject({ name: 'Recall "top" 10% | # {x}: \\ ok', baseline: 0.4 })
    expect(read(project, 'README.md').split('\n')[0]).toBe('# Fraud "scoring": v2 \\\\ """ \' \\# {x} ${y} \\[z\\] end second line oʻzbek')
    expect(read(project, 'requirements-dev.txt')).toMatch(/\ndvc>=.*\napache-airflow>=/)
    expect(read(project, 'requirements.txt')).toContain('\nbentoml>=')
    expect(read(project, 'requirements.txt') + read(project, 'requirements-dev.txt')).not.toMatch(/mlflow|prefect|dagster/)
  })

  it('Prefect, MLflow and FastAPI, and no DVC even when DVC was considered', async () => {
    const doc = docFrom(designDoc('Demand forecast', 'Stores run out of bread by noon.', [
      toolChoice('Data versioning', 'LakeFS', 'DVC'),
      toolChoice('Workflow orchestration', 'Prefect', 'Apache Airflow'),
      toolChoice('Experiment tracking', 'MLflow', 'Weights & Biases'),
      toolChoice('Model serving', 'FastAPI (custom)', 'BentoML'),
      metric('RMSE', 'offline', 'lower', '12.5', '9'),
    ]))
    const { project, files, parsed } = await scaffold(doc)
    for (const path of [TOOL_FILES.prefect, TOOL_FILES.mlflow]) expect(files).toContain(path)
    for (const path of [TOOL_FILES.dvc, TOOL_FILES.bentoml, TOOL_FILES.bentomlService, TOOL_FILES.dagster]) expect(files).not.toContain(path)
    expect(files.filter((path) => path.startsWith('airflow/'))).toEqual([])
    expect(parsed['configs/mlflow.yaml']).toEqual({ tracking_uri: 'http://localhost:5000', experiment_name: 'demand-forecast', registered_model_name: 'demand-forecast' })
    expect(read(project, 'src/models/train.py')).toContain('mlflow.set_experiment(settings["experiment_name"])')
    expect(read(project, 'Dockerfile')).toContain('CMD ["uvicorn", "src.api.app:app"')
    expect(read(project, 'requirements-dev.txt')).toContain('\nprefect>=')
    expect(read(project, 'requirements.txt')).toContain('\nmlflow>=')
    expect(read(project, 'requirements.txt') + read(project, 'requirements-dev.txt')).not.toMatch(/dvc|bentoml|airflow|dagster/)
    expect(read(project, 'Makefile')).toMatch(/\npipeline:\n\t\$\(PYTHON\) -m src\.data\.make_dataset\n/)
    expect((parsed['.github/workflows/train.yml'] as Workflow).jobs.train!.steps.map((s) => s.run)).toContain('make pipeline')
    expect((parsed['params.yaml'] as Params).metrics).toEqual([
      { key: 'rmse', name: 'RMSE', layer: 'offline', direction: 'lower', baseline: 12.5, target: 9, minimum: null, window: null },
    ])
    expect(read(project, 'README.md')).toContain('## Problem\n\nStores run out of bread by noon.\n')
  })

  it('a Dagster job when Dagster is chosen', async () => {
    const doc = docFrom(designDoc('Dagster pipeline', 'Text.', [toolChoice('Workflow orchestration', 'Dagster')]))
    const { files } = await scaffold(doc)
    expect(files).toContain(TOOL_FILES.dagster)
    expect(files).toContain('pipelines/__init__.py')
    expect(files).not.toContain(TOOL_FILES.prefect)
  })
})

describe('scaffoldProject from a fresh template', () => {
  it('creates a project that parses, with no tool files and no metrics yet', async () => {
    const doc = documentFromTemplate(findTemplate('ml-engineering-document', 'en'))
    const { project, files, parsed } = await scaffold(doc)
    for (const path of LAYOUT) expect(files, path).toContain(path)
    expect(files).toContain('docs/design/ml-engineering-document.md')
    for (const path of Object.values(TOOL_FILES)) expect(files).not.toContain(path)
    expect(files.filter((path) => path.startsWith('airflow/'))).toEqual([])
    expect((parsed['params.yaml'] as Params).metrics).toEqual([])
    const readme = read(project, 'README.md')
    expect(readme).toContain('## Problem\n\nThe design document does not state the problem yet.\n')
    expect(readme).toContain('No tools are chosen in the design document yet.')
  })

  it('writes the README in Uzbek for an Uzbek document', async () => {
    const doc = documentFromTemplate(findTemplate('example-churn-prediction', 'uz'))
    const { project } = await scaffold(doc)
    const readme = read(project, 'README.md')
    expect(readme).toContain('\n## Muammo\n')
    expect(readme).toContain('\n## Vositalar\n')
    expect(existsSync(join(project, 'dvc.yaml'))).toBe(true)
  })
})
