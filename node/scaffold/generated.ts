import type { ProjectFacts } from './facts.js'

/** One file of the generated project: its path (with `/`) and its text. */
export interface GeneratedFile {
  readonly path: string
  readonly content: string
}

/** A family of generated files (the Python pipeline, the CI workflows...), made from the document. */
export type FileFamily = (facts: ProjectFacts) => GeneratedFile[]

/** One step of the training pipeline: its name and the Python module that runs it. */
export interface PipelineStep {
  readonly name: string
  readonly module: string
}

/**
 * The training pipeline in order, the same everywhere it is written: the Makefile, dvc.yaml and the
 * Airflow, Prefect and Dagster pipelines.
 */
export const PIPELINE_STEPS: readonly PipelineStep[] = [
  { name: 'make_dataset', module: 'src.data.make_dataset' },
  { name: 'validate', module: 'src.data.validate' },
  { name: 'build_features', module: 'src.features.build_features' },
  { name: 'train', module: 'src.models.train' },
  { name: 'evaluate', module: 'src.models.evaluate' },
]

/** Port the prediction service listens on, in the container and in Kubernetes. */
export const SERVICE_PORT = 8000

/** The BentoML service, as `bentoml serve` and bentofile.yaml name it. */
export const BENTO_SERVICE = 'src.serving.service:PredictionService'
