import type { HostMethod } from '../../../core/host/api.js'

/**
 * Requests and responses of the repository methods (choose a folder, export to a repository,
 * create a project skeleton), for the IPC tests: `ipc.test.ts` runs its sender and payload checks
 * over every host method with these, and `repo-ipc.test.ts` adds the repository-specific ones.
 */

/** The host methods that reach a repository or a project folder. */
export type RepoMethod = Extract<HostMethod, 'chooseFolder' | 'exportToRepository' | 'scaffoldProject'>

const state = new Uint8Array([1, 2, 3])
const long = (n: number) => 'x'.repeat(n)

/** A valid request for each method. */
export const REPO_VALID: Record<RepoMethod, unknown> = {
  chooseFolder: { purpose: 'repository' },
  exportToRepository: { repo: '/home/a/churn', path: 'docs/design/churn.md', state, commitMessage: 'Design: churn model', dryRun: false },
  scaffoldProject: { dir: '/home/a/churn', state },
}

/** A valid response for each method. */
export const REPO_RESPONSES: Record<RepoMethod, unknown> = {
  chooseFolder: { path: '/home/a/churn' },
  exportToRepository: { path: 'docs/design/churn.md', changed: true, created: true, diff: '--- /dev/null\n+++ b/docs/design/churn.md\n', commit: 'a'.repeat(40) },
  scaffoldProject: { created: ['README.md'], skipped: [{ path: 'Makefile', reason: 'already exists' }] },
}

/** Payloads each method must refuse. */
export const REPO_MALFORMED: Record<RepoMethod, unknown[]> = {
  chooseFolder: [undefined, null, {}, { purpose: 'anything' }, { purpose: 1 }, 'repository'],
  exportToRepository: [
    {},
    { repo: '/r', state, dryRun: 'yes' },
    { repo: '/r', state },
    { repo: '', state, dryRun: true },
    { repo: long(5000), state, dryRun: true },
    { repo: '/r', state: 'bytes', dryRun: true },
    { repo: '/r', state: [1, 2, 3], dryRun: true },
    { repo: '/r', path: '', state, dryRun: true },
    { repo: '/r', path: 5, state, dryRun: true },
    { repo: '/r', state, dryRun: false, commitMessage: '' },
    { repo: '/r', state, dryRun: false, commitMessage: long(10_001) },
    { repo: ['/r'], state, dryRun: true },
  ],
  scaffoldProject: [{}, { dir: '/p' }, { dir: '', state }, { dir: 5, state }, { dir: '/p', state: 'bytes' }, null],
}
