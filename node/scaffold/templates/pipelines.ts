import type { ProjectFacts } from '../facts.js'
import { PIPELINE_STEPS, type FileFamily, type GeneratedFile } from '../generated.js'
import { generatedNote, pythonString, yamlFile } from '../serialize.js'

/** dvc.yaml: the pipeline as DVC stages, each with the code, data and params it depends on. */
function dvcYaml(facts: ProjectFacts): GeneratedFile {
  const source = (module: string) => `${module.replace(/\./g, '/')}.py`
  const stage = (name: string, extra: Record<string, unknown>) => {
    const module = PIPELINE_STEPS.find((step) => step.name === name)!.module
    return { cmd: `python -m ${module}`, ...extra, deps: [source(module), ...((extra.deps as string[] | undefined) ?? [])] }
  }
  return {
    path: 'dvc.yaml',
    content: yamlFile({
      stages: {
        make_dataset: stage('make_dataset', { deps: ['data/raw'], params: ['data'], outs: ['data/interim/dataset.csv'] }),
        validate: stage('validate', { deps: ['data/interim/dataset.csv'] }),
        build_features: stage('build_features', {
          deps: ['data/interim/dataset.csv'],
          params: ['split'],
          outs: ['data/processed/train.csv', 'data/processed/test.csv'],
        }),
        train: stage('train', { deps: ['data/processed/train.csv'], params: ['train'], outs: ['models/model.joblib'] }),
        evaluate: stage('evaluate', {
          deps: ['src/models/predict.py', 'models/model.joblib', 'data/processed/test.csv'],
          params: ['metrics'],
          metrics: [{ 'reports/metrics.json': { cache: false } }],
        }),
      },
    }, `${generatedNote(facts.designDoc)} Run it with: dvc repro`),
  }
}

/** The commands a scheduled pipeline runs: `dvc repro` and `dvc push` when DVC is chosen, else each step. */
function pipelineCommands(facts: ProjectFacts): { name: string; argv: string[] }[] {
  if (facts.stack.dvc) return [{ name: 'dvc_repro', argv: ['dvc', 'repro'] }, { name: 'dvc_push', argv: ['dvc', 'push'] }]
  return PIPELINE_STEPS.map((step) => ({ name: step.name, argv: ['python', '-m', step.module] }))
}

/**
 * The pipeline's commands as a Python list of (name, argv) pairs. With `interpreter`, `python`
 * becomes that Python expression (`sys.executable`: the interpreter running the flow).
 */
function pythonSteps(facts: ProjectFacts, interpreter?: string): string {
  const arg = (text: string) => (interpreter !== undefined && text === 'python' ? interpreter : pythonString(text))
  const items = pipelineCommands(facts).map(({ name, argv }) => `    (${pythonString(name)}, [${argv.map(arg).join(', ')}]),`)
  return `STEPS = [\n${items.join('\n')}\n]`
}

function airflowDag(facts: ProjectFacts): GeneratedFile {
  return {
    path: `airflow/dags/${facts.snake}_pipeline.py`,
    content: String.raw`"""Airflow DAG running the training pipeline of the design document, weekly, one task per step.

${generatedNote(facts.designDoc)}
Set PROJECT_DIR to where the project is checked out on the Airflow workers.
"""
import os
import shlex
from datetime import datetime
from pathlib import Path

from airflow import DAG
from airflow.operators.bash import BashOperator

PROJECT_DIR = os.environ.get("PROJECT_DIR", str(Path(__file__).resolve().parents[2]))
${pythonSteps(facts)}

with DAG(
    dag_id=${pythonString(`${facts.snake}_pipeline`)},
    description=${pythonString(facts.title)},
    schedule="@weekly",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    tags=["ml", ${pythonString(facts.slug)}],
) as dag:
    tasks = [
        BashOperator(task_id=name, bash_command=f"cd {shlex.quote(PROJECT_DIR)} && {shlex.join(argv)}")
        for name, argv in STEPS
    ]
    for upstream, downstream in zip(tasks, tasks[1:]):
        upstream >> downstream
`,
  }
}

function prefectFlow(facts: ProjectFacts): GeneratedFile {
  return {
    path: 'pipelines/prefect_flow.py',
    content: String.raw`"""Prefect flow running the training pipeline of the design document, one task per step.

${generatedNote(facts.designDoc)}
Run it once with: python -m pipelines.prefect_flow
"""
import subprocess
import sys
from pathlib import Path

from prefect import flow, task

PROJECT_DIR = Path(__file__).resolve().parents[1]
${pythonSteps(facts, 'sys.executable')}


@task(retries=1, task_run_name="{name}")
def run_step(name: str, argv: list[str]) -> None:
    subprocess.run(argv, cwd=PROJECT_DIR, check=True)


@flow(name=${pythonString(`${facts.slug}-pipeline`)}, description=${pythonString(facts.title)})
def training_pipeline() -> None:
    for name, argv in STEPS:
        run_step(name, argv)


if __name__ == "__main__":
    training_pipeline()
`,
  }
}

function dagsterJob(facts: ProjectFacts): GeneratedFile {
  const ops = pipelineCommands(facts)
  const defs = ops.map(({ name }, i) => `${i === 0 ? '@op' : '@op(ins={"after": In(Nothing)})'}\ndef ${name}() -> None:\n    run(${pythonString(name)})\n`)
  const chain = ops.reduce((inner, { name }, i) => (i === 0 ? `${name}()` : `${name}(after=${inner})`), '')
  return {
    path: 'pipelines/dagster_job.py',
    content: String.raw`"""Dagster job running the training pipeline of the design document, one op per step.

${generatedNote(facts.designDoc)}
Load it with: dagster dev -f pipelines/dagster_job.py
"""
import subprocess
import sys
from pathlib import Path

from dagster import Definitions, In, Nothing, ScheduleDefinition, job, op

PROJECT_DIR = Path(__file__).resolve().parents[1]
${pythonSteps(facts, 'sys.executable')}


def run(step: str) -> None:
    argv = dict(STEPS)[step]
    subprocess.run(argv, cwd=PROJECT_DIR, check=True)


${defs.join('\n\n')}

@job(name=${pythonString(`${facts.snake}_pipeline`)}, description=${pythonString(facts.title)})
def training_job() -> None:
    ${chain}


defs = Definitions(jobs=[training_job], schedules=[ScheduleDefinition(job=training_job, cron_schedule="0 3 * * 1")])
`,
  }
}

/** The tool-dependent pipeline files: dvc.yaml with DVC, a DAG with Airflow, a flow with Prefect, a job with Dagster. */
export const pipelineFiles: FileFamily = (facts) => [
  ...(facts.stack.dvc ? [dvcYaml(facts)] : []),
  ...(facts.stack.airflow ? [airflowDag(facts)] : []),
  ...(facts.stack.prefect ? [prefectFlow(facts)] : []),
  ...(facts.stack.dagster ? [dagsterJob(facts)] : []),
]
