import type { Labels } from '../i18n.js'

/** A category of MLOps tools, with the stage it mainly serves and the tools the catalog suggests. */
export interface ToolCategory {
  readonly id: string
  readonly label: Labels
  /** Lifecycle stage id (1-8) the category mainly serves. */
  readonly stage: string
  readonly tools: readonly string[]
}

/**
 * The tool catalog: suggestions per category. A tool choice may name any tool; the catalog only
 * suggests.
 */
export const TOOL_CATALOG: readonly ToolCategory[] = [
  { id: 'experiment-tracking', stage: '4', label: { en: 'Experiment tracking', uz: 'Tajribalarni kuzatish' }, tools: ['MLflow', 'Weights & Biases', 'Neptune.ai', 'Comet'] },
  { id: 'data-versioning', stage: '3', label: { en: 'Data versioning', uz: 'Maʼlumotlarni versiyalash' }, tools: ['DVC', 'LakeFS', 'Pachyderm', 'Delta Lake'] },
  { id: 'feature-store', stage: '3', label: { en: 'Feature store', uz: 'Belgilar ombori' }, tools: ['Feast', 'Tecton', 'Hopsworks'] },
  { id: 'model-serving', stage: '6', label: { en: 'Model serving', uz: 'Modelga xizmat koʻrsatish' }, tools: ['FastAPI (custom)', 'TorchServe', 'TensorFlow Serving', 'BentoML', 'Ray Serve', 'NVIDIA Triton', 'vLLM'] },
  { id: 'orchestration', stage: '4', label: { en: 'Workflow orchestration', uz: 'Ish oqimlarini orkestratsiya qilish' }, tools: ['Apache Airflow', 'Prefect', 'Dagster', 'Kubeflow Pipelines', 'Metaflow'] },
  { id: 'monitoring', stage: '7', label: { en: 'Monitoring', uz: 'Monitoring' }, tools: ['Prometheus + Grafana', 'Evidently AI', 'WhyLabs', 'Arize', 'Fiddler'] },
  { id: 'deployment-platform', stage: '6', label: { en: 'Deployment platform', uz: 'Joylashtirish platformasi' }, tools: ['Kubernetes (custom)', 'AWS SageMaker', 'GCP Vertex AI', 'Azure ML', 'Databricks'] },
  { id: 'llmops', stage: '7', label: { en: 'LLMOps', uz: 'LLMOps' }, tools: ['Langfuse', 'LangSmith', 'Helicone', 'Phoenix (Arize)'] },
  { id: 'other', stage: '', label: { en: 'Other', uz: 'Boshqa' }, tools: [] },
]

/** The catalog entry of a category id, if it is one. */
export function toolCategory(id: string | null): ToolCategory | undefined {
  return TOOL_CATALOG.find((c) => c.id === id)
}
