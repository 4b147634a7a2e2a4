import { readDocumentFile } from '../../node/documents.js'
import { scaffoldProject } from '../../node/scaffold/index.js'
import { expectFiles, parseCommandArgs, EXIT, type Command } from '../command.js'
import { printImportWarnings } from '../warnings.js'

/** `mldoc scaffold FILE DIR`: the ML project skeleton a document describes. */
export const command: Command = {
  usage: `Usage: mldoc scaffold FILE DIR

Creates in DIR the ML project the document FILE (.mldoc or .md) describes: data/,
notebooks/, src/ (data, features, models, a FastAPI app), tests/, configs/,
params.yaml with the document's metrics, Dockerfile, docker-compose.yml, GitHub
workflows (CI runs mldoc lint on the design document), k8s/, monitoring/,
requirements, pyproject.toml, README.md, a Makefile and the design document at
docs/design/<slug>.md. Files of the tools the document chose come too: dvc.yaml
for DVC, an Airflow DAG, a Prefect flow, a Dagster job, MLflow settings, a
BentoML service.

Existing files are never overwritten, and nothing is written through a symbolic
link: such files are skipped. Prints one line per file: "created PATH" or
"skipped PATH (why)".
`,
  async run(args, io) {
    const { positionals } = parseCommandArgs('scaffold', { args, options: {}, strict: true, allowPositionals: true })
    const [file, dir] = expectFiles('scaffold', positionals, ['FILE', 'DIR']) as [string, string]
    const { doc, warnings } = await readDocumentFile(file)
    printImportWarnings(io, file, warnings)
    const { created, skipped } = await scaffoldProject({ doc, dir })
    const lines = [
      ...created.map((path) => ({ path, line: `created ${path}` })),
      ...skipped.map(({ path, reason }) => ({ path, line: `skipped ${path} (${reason})` })),
    ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    io.stdout(lines.map(({ line }) => `${line}\n`).join(''))
    io.stderr(`${dir}: ${created.length} created, ${skipped.length} skipped\n`)
    return EXIT.ok
  },
}
