import type { ProjectFacts } from '../facts.js'
import { SERVICE_PORT, type FileFamily } from '../generated.js'
import { generatedNote, yamlFile } from '../serialize.js'
import { serveCommand } from './docker.js'

function probes(facts: ProjectFacts): Record<string, unknown> {
  const probe = (path: string, delay: number) => ({ httpGet: { path, port: 'http' }, initialDelaySeconds: delay, periodSeconds: 10 })
  return facts.stack.bentoml
    ? { readinessProbe: probe('/readyz', 5), livenessProbe: probe('/livez', 15) }
    : { readinessProbe: probe('/health', 5), livenessProbe: probe('/health', 15) }
}

function deployment(facts: ProjectFacts): string {
  const labels = { app: facts.slug }
  return yamlFile({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: facts.slug, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(SERVICE_PORT), 'prometheus.io/path': '/metrics' },
        },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 10001 },
          containers: [{
            name: 'api',
            image: `ghcr.io/your-org/${facts.slug}:latest`,
            command: serveCommand(facts),
            ports: [{ name: 'http', containerPort: SERVICE_PORT }],
            resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
            securityContext: { allowPrivilegeEscalation: false },
            ...probes(facts),
          }],
        },
      },
    },
  }, `${generatedNote(facts.designDoc)} The deploy workflow sets the image to the one it built.`)
}

function service(facts: ProjectFacts): string {
  return yamlFile({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: facts.slug, labels: { app: facts.slug } },
    spec: { selector: { app: facts.slug }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  }, generatedNote(facts.designDoc))
}

/** Kubernetes manifests of the prediction service: a Deployment and its Service. */
export const k8sFiles: FileFamily = (facts) => [
  { path: 'k8s/deployment.yaml', content: deployment(facts) },
  { path: 'k8s/service.yaml', content: service(facts) },
]
