import { mkdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { MLDocument } from '../../core/document/model.js'
import { MLDocError } from '../../core/errors.js'
import { describeFileError } from '../files.js'
import { inspectPath, makeFolders, realFolder } from '../repo/paths.js'
import { projectFacts, type ProjectFacts } from './facts.js'
import { createFile } from './write.js'
import type { FileFamily, GeneratedFile } from './generated.js'
import { apiFiles } from './templates/api.js'
import { dockerFiles } from './templates/docker.js'
import { k8sFiles } from './templates/k8s.js'
import { layoutFiles } from './templates/layout.js'
import { monitoringFiles } from './templates/monitoring.js'
import { packagingFiles } from './templates/packaging.js'
import { paramsFiles } from './templates/params.js'
import { pipelineFiles } from './templates/pipelines.js'
import { pythonDataFiles } from './templates/python-data.js'
import { pythonModelFiles } from './templates/python-models.js'
import { readmeFiles } from './templates/readme.js'
import { servingFiles } from './templates/serving.js'
import { testFiles } from './templates/tests.js'
import { workflowFiles } from './templates/workflows.js'

/** The design document itself, at `docs/design/<slug>.md`, as `mldoc export` writes it. */
const designDocFiles: FileFamily = (facts) => [{ path: facts.designDoc, content: facts.markdown }]

const FAMILIES: readonly FileFamily[] = [
  designDocFiles, readmeFiles, layoutFiles, paramsFiles, pythonDataFiles, pythonModelFiles, apiFiles, servingFiles,
  pipelineFiles, testFiles, packagingFiles, dockerFiles, workflowFiles, k8sFiles, monitoringFiles,
]

/** Top folders whose Python files are imported as packages (`python -m src.models.train`). */
const PACKAGE_ROOTS = ['src', 'pipelines']

/** An empty `__init__.py` in every package folder that holds Python files. */
function packageMarkers(files: readonly GeneratedFile[]): GeneratedFile[] {
  const folders = new Set<string>()
  for (const { path } of files) {
    const parts = path.split('/')
    if (!path.endsWith('.py') || !PACKAGE_ROOTS.includes(parts[0]!)) continue
    for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join('/'))
  }
  return [...folders].map((folder) => ({ path: `${folder}/__init__.py`, content: '' }))
}

/** Every file of the project a document describes, sorted by path. */
export function projectFiles(facts: ProjectFacts): GeneratedFile[] {
  const files = FAMILIES.flatMap((family) => family(facts))
  const all = [...files, ...packageMarkers(files)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const duplicate = all.find((file, i) => i > 0 && all[i - 1]!.path === file.path)
  if (duplicate) throw new Error(`scaffold: two file families generate ${duplicate.path}`)
  return all
}

/** A file the scaffold left alone, and why. */
export interface SkippedFile {
  readonly path: string
  readonly reason: string
}

/** What a scaffold did: the files it created and those it skipped, each sorted by path. */
export interface ScaffoldResult {
  readonly created: string[]
  readonly skipped: SkippedFile[]
}

/**
 * Creates the ML project a document describes in `dir` (made if missing): the layout, the design
 * document at `docs/design/<slug>.md`, params.yaml with its metrics, the Python pipeline and API,
 * CI, Docker, Kubernetes and monitoring files, and the files of the tools it chose (dvc.yaml,
 * an Airflow DAG, a Prefect flow, a Dagster job, MLflow settings, a BentoML service).
 *
 * An existing file is never overwritten: it is skipped, as is any file whose way goes through a
 * symbolic link (a `data` folder linked to a big disk stays untouched) or a file where a folder
 * should be. The output depends on the document only, so scaffolding twice changes nothing.
 */
export async function scaffoldProject(options: { doc: MLDocument; dir: string }): Promise<ScaffoldResult> {
  const dir = resolve(options.dir)
  const existing = await stat(dir).catch(() => undefined)
  if (existing && !existing.isDirectory()) throw new MLDocError('file', 'is a file, not a folder', dir)
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw new MLDocError('file', `cannot create the folder: ${describeFileError(error, dir, 'write')}`, dir)
  })
  const root = await realFolder(dir)
  const created: string[] = []
  const skipped: SkippedFile[] = []
  for (const file of projectFiles(projectFacts(options.doc))) {
    const parts = file.path.split('/')
    const state = await inspectPath(root, parts)
    if (!state.ok) {
      skipped.push({ path: file.path, reason: state.reason })
      continue
    }
    const target = { root, relative: file.path, parts, absolute: join(root, ...parts), exists: state.exists }
    if (!target.exists) {
      await makeFolders(target)
      if (await createFile(target.absolute, file.content)) {
        created.push(file.path)
        continue
      }
    }
    skipped.push({ path: file.path, reason: 'already exists' })
  }
  return { created, skipped }
}
