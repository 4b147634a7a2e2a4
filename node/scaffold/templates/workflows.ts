import type { ProjectFacts } from '../facts.js'
import type { FileFamily } from '../generated.js'
import { generatedNote, yamlFile } from '../serialize.js'

const CHECKOUT = { uses: 'actions/checkout@v4' }
const SETUP_PYTHON = { uses: 'actions/setup-python@v5', with: { 'python-version': '3.11', cache: 'pip' } }

/** The command CI runs to check the design document. */
export function lintCommand(facts: ProjectFacts): string {
  return `npx mldoc lint ${facts.designDoc}`
}

function ci(facts: ProjectFacts): string {
  return yamlFile({
    name: 'CI',
    on: { push: { branches: ['main'] }, pull_request: {} },
    permissions: { contents: 'read' },
    jobs: {
      'design-doc': {
        name: 'Lint the design document',
        'runs-on': 'ubuntu-latest',
        steps: [
          CHECKOUT,
          { uses: 'actions/setup-node@v4', with: { 'node-version': '20' } },
          { name: 'mldoc lint', run: lintCommand(facts) },
        ],
      },
      test: {
        name: 'Test the code',
        'runs-on': 'ubuntu-latest',
        steps: [
          CHECKOUT,
          SETUP_PYTHON,
          { run: 'pip install -r requirements-dev.txt' },
          { run: 'python -m compileall -q src tests' },
          { run: 'python -m pytest' },
        ],
      },
    },
  }, generatedNote(facts.designDoc))
}

function train(facts: ProjectFacts): string {
  const run = facts.stack.dvc
    ? [{ run: 'dvc pull' }, { run: 'dvc repro' }, { run: 'dvc push' }]
    : [{ run: 'make pipeline' }]
  return yamlFile({
    name: 'Train',
    on: { workflow_dispatch: {}, schedule: [{ cron: '0 3 * * 1' }] },
    permissions: { contents: 'read' },
    jobs: {
      train: {
        'runs-on': 'ubuntu-latest',
        ...(facts.stack.mlflow ? { env: { MLFLOW_TRACKING_URI: '${{ secrets.MLFLOW_TRACKING_URI }}' } } : {}),
        steps: [
          CHECKOUT,
          SETUP_PYTHON,
          { run: 'pip install -r requirements-dev.txt' },
          ...run,
          { uses: 'actions/upload-artifact@v4', with: { name: 'model', path: 'models/\nreports/' } },
        ],
      },
    },
  }, `${generatedNote(facts.designDoc)} Retrains weekly and on demand.`)
}

function deploy(facts: ProjectFacts): string {
  const image = 'ghcr.io/${{ github.repository }}'
  return yamlFile({
    name: 'Deploy',
    on: { push: { tags: ['v*'] }, workflow_dispatch: {} },
    permissions: { contents: 'read', packages: 'write' },
    jobs: {
      image: {
        'runs-on': 'ubuntu-latest',
        steps: [
          CHECKOUT,
          { uses: 'docker/login-action@v3', with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' } },
          { uses: 'docker/build-push-action@v6', with: { context: '.', push: true, tags: `${image}:\${{ github.sha }}` } },
        ],
      },
      kubernetes: {
        needs: 'image',
        'runs-on': 'ubuntu-latest',
        environment: 'production',
        steps: [
          CHECKOUT,
          { uses: 'azure/setup-kubectl@v4' },
          { name: 'Configure kubectl', run: 'mkdir -p ~/.kube && echo "$KUBECONFIG_DATA" | base64 -d > ~/.kube/config', env: { KUBECONFIG_DATA: '${{ secrets.KUBECONFIG }}' } },
          { run: 'kubectl apply -f k8s/' },
          { run: `kubectl set image deployment/${facts.slug} api=${image}:\${{ github.sha }}` },
          { run: `kubectl rollout status deployment/${facts.slug} --timeout=5m` },
        ],
      },
    },
  }, `${generatedNote(facts.designDoc)} Builds the image and rolls it out to Kubernetes.`)
}

/** GitHub Actions: CI (with mldoc lint of the design document), scheduled training, deployment. */
export const workflowFiles: FileFamily = (facts) => [
  { path: '.github/workflows/ci.yml', content: ci(facts) },
  { path: '.github/workflows/train.yml', content: train(facts) },
  { path: '.github/workflows/deploy.yml', content: deploy(facts) },
]
