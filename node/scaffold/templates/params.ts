import type { MetricFact } from '../facts.js'
import type { FileFamily } from '../generated.js'
import { generatedNote, yamlFile } from '../serialize.js'

/** A metric value for params.yaml: a number when the field is a bare number, else its text, null when empty. */
function metricValue(text: string): number | string | null {
  if (text === '') return null
  return /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(text) ? Number(text) : text
}

function metricParams(metric: MetricFact): Record<string, unknown> {
  return {
    key: metric.key,
    name: metric.name,
    layer: metric.layer,
    direction: metric.direction,
    baseline: metricValue(metric.baseline),
    target: metricValue(metric.target),
    minimum: metricValue(metric.minimum),
    window: metric.window || null,
  }
}

/** params.yaml (data paths, split, training settings and the document's metrics) and the configs/ folder. */
export const paramsFiles: FileFamily = (facts) => [
  {
    path: 'params.yaml',
    content: yamlFile({
      project: { title: facts.title, design_doc: facts.designDoc },
      data: {
        raw_dir: 'data/raw',
        interim: 'data/interim/dataset.csv',
        train: 'data/processed/train.csv',
        test: 'data/processed/test.csv',
        target_column: 'target',
      },
      split: { test_size: 0.2, random_state: 42 },
      train: { task: 'classification', model_path: 'models/model.joblib', random_state: 42, model: { max_iter: 200 } },
      metrics: facts.metrics.map(metricParams),
    }, `${generatedNote(facts.designDoc)} The metrics are the design document's, with their baselines, targets and directions.`),
  },
  facts.stack.mlflow
    ? {
        path: 'configs/mlflow.yaml',
        content: yamlFile({
          tracking_uri: 'http://localhost:5000',
          experiment_name: facts.slug,
          registered_model_name: facts.slug,
        }, `${generatedNote(facts.designDoc)} MLflow settings; MLFLOW_TRACKING_URI overrides tracking_uri.`),
      }
    : { path: 'configs/.gitkeep', content: '' },
]
