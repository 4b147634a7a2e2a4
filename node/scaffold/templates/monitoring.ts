import type { ProjectFacts } from '../facts.js'
import { SERVICE_PORT, type FileFamily } from '../generated.js'
import { generatedNote, jsonFile, markdownText, yamlFile } from '../serialize.js'

const DASHBOARD = 'monitoring/grafana/dashboards/service.json'

/** The Prometheus queries of the service's request rate, latency and errors, for the serving framework chosen. */
function queries(facts: ProjectFacts): { rate: string; latency: string; errors: string } {
  if (facts.stack.bentoml) {
    return {
      rate: 'sum(rate(bentoml_service_request_total[5m]))',
      latency: 'histogram_quantile(0.95, sum(rate(bentoml_service_request_duration_seconds_bucket[5m])) by (le))',
      errors: 'sum(rate(bentoml_service_request_total{http_response_code!~"2.."}[5m])) / sum(rate(bentoml_service_request_total[5m]))',
    }
  }
  return {
    rate: 'sum(rate(prediction_requests_total[5m]))',
    latency: 'histogram_quantile(0.95, sum(rate(prediction_latency_seconds_bucket[5m])) by (le))',
    errors: 'sum(rate(prediction_requests_total{outcome!="ok"}[5m])) / sum(rate(prediction_requests_total[5m]))',
  }
}

/** The document's metrics as a Markdown table for the dashboard's text panel. */
function metricsTable(facts: ProjectFacts): string {
  if (facts.metrics.length === 0) return 'The design document lists no metrics yet.'
  const rows = facts.metrics.map((m) => `| ${[m.name, m.layer ?? '', m.baseline, m.target, m.direction ?? ''].map(markdownText).join(' | ')} |`)
  return ['| Metric | Layer | Baseline | Target | Better |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')
}

function dashboard(facts: ProjectFacts): unknown {
  const q = queries(facts)
  const datasource = { type: 'prometheus', uid: 'prometheus' }
  const timeseries = (id: number, title: string, expr: string, unit: string, x: number) => ({
    id, type: 'timeseries', title, datasource, gridPos: { h: 8, w: 8, x, y: 0 },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: [{ refId: 'A', datasource, expr }],
  })
  return {
    uid: facts.slug.slice(0, 40),
    title: facts.title,
    tags: ['ml', facts.slug],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    panels: [
      timeseries(1, 'Prediction requests per second', q.rate, 'reqps', 0),
      timeseries(2, 'Prediction latency (p95)', q.latency, 's', 8),
      timeseries(3, 'Error share', q.errors, 'percentunit', 16),
      {
        id: 4, type: 'text', title: 'Success metrics of the design document', gridPos: { h: 10, w: 24, x: 0, y: 8 },
        options: { mode: 'markdown', content: `${metricsTable(facts)}\n\nFrom ${facts.designDoc}.` },
      },
    ],
  }
}

/** Prometheus scraping the service, and a Grafana dashboard (with its provisioning) for it. */
export const monitoringFiles: FileFamily = (facts) => [
  {
    path: 'monitoring/prometheus.yml',
    content: yamlFile({
      global: { scrape_interval: '15s' },
      scrape_configs: [{ job_name: facts.slug, metrics_path: '/metrics', static_configs: [{ targets: [`api:${SERVICE_PORT}`] }] }],
    }, generatedNote(facts.designDoc)),
  },
  { path: DASHBOARD, content: jsonFile(dashboard(facts)) },
  {
    path: 'monitoring/grafana/provisioning/datasources/prometheus.yml',
    content: yamlFile({
      apiVersion: 1,
      datasources: [{ name: 'Prometheus', uid: 'prometheus', type: 'prometheus', access: 'proxy', url: 'http://prometheus:9090', isDefault: true }],
    }, generatedNote(facts.designDoc)),
  },
  {
    path: 'monitoring/grafana/provisioning/dashboards/dashboards.yml',
    content: yamlFile({
      apiVersion: 1,
      providers: [{ name: facts.slug, type: 'file', options: { path: '/var/lib/grafana/dashboards' } }],
    }, generatedNote(facts.designDoc)),
  },
]
