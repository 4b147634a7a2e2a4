import type { ProjectFacts, StackTool } from '../facts.js'
import { PIPELINE_STEPS, type FileFamily } from '../generated.js'
import { generatedNote, tomlString } from '../serialize.js'
import { serveCommand } from './docker.js'
import { lintCommand } from './workflows.js'

/** What every project needs to train and serve. */
const RUNTIME = ['fastapi>=0.110', 'uvicorn[standard]>=0.29', 'pydantic>=2.6', 'pandas>=2.1', 'numpy>=1.26', 'scikit-learn>=1.4', 'joblib>=1.3', 'pyyaml>=6.0', 'prometheus-client>=0.20']

/** Packages of chosen tools the service or training imports. */
const RUNTIME_TOOLS: Partial<Record<StackTool, string>> = { mlflow: 'mlflow>=2.12', bentoml: 'bentoml>=1.2', evidently: 'evidently>=0.4', feast: 'feast>=0.38' }

/** What development, CI and the scheduled pipeline need on top. */
const DEVELOPMENT = ['pytest>=8.0', 'httpx>=0.27']

/** Packages of chosen tools that run the pipeline (not needed in the service image). */
const PIPELINE_TOOLS: Partial<Record<StackTool, string>> = { dvc: 'dvc>=3.0', airflow: 'apache-airflow>=2.8,<3', prefect: 'prefect>=2.16', dagster: 'dagster>=1.7' }

function chosen(facts: ProjectFacts, packages: Partial<Record<StackTool, string>>): string[] {
  return Object.entries(packages).filter(([tool]) => facts.stack[tool as StackTool]).map(([, requirement]) => requirement!)
}

function requirements(facts: ProjectFacts): string {
  const tools = chosen(facts, RUNTIME_TOOLS)
  return [`# ${generatedNote(facts.designDoc)}`, ...RUNTIME, ...(tools.length ? ['# Tools chosen in the design document', ...tools] : [])].join('\n') + '\n'
}

function developmentRequirements(facts: ProjectFacts): string {
  const tools = chosen(facts, PIPELINE_TOOLS)
  return [`# ${generatedNote(facts.designDoc)}`, '-r requirements.txt', ...DEVELOPMENT, ...(tools.length ? ['# Pipeline tools chosen in the design document', ...tools] : [])].join('\n') + '\n'
}

function pyproject(facts: ProjectFacts): string {
  return `# ${generatedNote(facts.designDoc)}
[project]
name = ${tomlString(facts.slug)}
version = "0.1.0"
description = ${tomlString(facts.title)}
readme = "README.md"
requires-python = ">=3.11"

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["."]

[tool.ruff]
line-length = 120
target-version = "py311"
`
}

function makefile(facts: ProjectFacts): string {
  const steps = PIPELINE_STEPS.map((step) => `${step.name.replace(/_/g, '-')}:\n\t$(PYTHON) -m ${step.module}\n`)
  const pipeline = facts.stack.dvc ? 'pipeline:\n\tdvc repro\n' : `pipeline:\n${PIPELINE_STEPS.map((step) => `\t$(PYTHON) -m ${step.module}\n`).join('')}`
  const serve = serveCommand(facts).map((arg) => (arg === '0.0.0.0' ? '127.0.0.1' : arg)).join(' ')
  const targets = ['install', ...PIPELINE_STEPS.map((step) => step.name.replace(/_/g, '-')), 'pipeline', 'serve', 'test', 'lint-doc', 'docker-build']
  return `# ${generatedNote(facts.designDoc)}
PYTHON ?= python
IMAGE ?= ${facts.slug}:latest

.PHONY: ${targets.join(' ')}

install:
\t$(PYTHON) -m pip install -r requirements-dev.txt

${steps.join('\n')}
${pipeline}
serve:
\t${serve}

test:
\t$(PYTHON) -m pytest

lint-doc:
\t${lintCommand(facts)}

docker-build:
\tdocker build -t $(IMAGE) .
`
}

const GITIGNORE = `# Data and artifacts are not kept in git (see the design document's data versioning).
data/raw/*
data/interim/*
data/processed/*
!data/*/.gitkeep
models/*
!models/.gitkeep
reports/
mlruns/
__pycache__/
*.pyc
.venv/
.pytest_cache/
`

/** Python requirements (following the chosen tools), pyproject.toml, the Makefile and .gitignore. */
export const packagingFiles: FileFamily = (facts) => [
  { path: 'requirements.txt', content: requirements(facts) },
  { path: 'requirements-dev.txt', content: developmentRequirements(facts) },
  { path: 'pyproject.toml', content: pyproject(facts) },
  { path: 'Makefile', content: makefile(facts) },
  { path: '.gitignore', content: GITIGNORE },
]
