// Static security scan of the Electron shell with Electronegativity, gated: exits 1 when any
// finding is of medium severity or higher, or when a file could not be parsed (an unparsed file is
// an unchecked file). The tool itself always succeeds, so the gate is here.
//
//   node scripts/electronegativity.mjs [--input electron] [--sarif test-results/electronegativity.sarif]
//
// Runs offline. The package's CLI entry (`npx @doyensec/electronegativity`) reads its options with
// whatever `commander` npm hoisted (it does not declare one; here that is commander 7 from
// mermaid's d3-dsv, which drops every option), so this script calls the tool's own runner, the
// function the CLI calls, and writes the same SARIF. It never touches the network: the tool's
// download of translations is answered with a failure (its built-in English texts are used), and
// the check that looks up newer Electron releases online is left out. A finding reviewed by hand is silenced where it occurs with an
// `// eng-disable CHECK_ID (reason)` comment.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const { values } = parseArgs({
  options: {
    input: { type: 'string', default: join(root, 'electron') },
    sarif: { type: 'string', default: join(root, 'test-results', 'electronegativity.sarif') },
  },
})
const input = resolve(values.input)
const sarif = resolve(values.sarif)
/** Severity at or above which a finding fails the gate (Electronegativity: 0 info, 1 low, 2 medium, 3 high). */
const GATE = 2

// The tool's HTTP client, as its modules resolve it, answers every request with "offline".
const toolRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/runner.js'))
const gotPath = toolRequire.resolve('got')
const offline = () => Promise.reject(new Error('offline: electronegativity.mjs makes no network requests'))
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline }

const run = require('@doyensec/electronegativity/dist/runner.js')
const electronVersion = require('electron/package.json').version

/** The SARIF report, once the tool finished writing it (it writes without waiting for the write). */
async function readSarif(path) {
  for (let waited = 0; ; waited += 50) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      if (waited >= 10_000) throw new Error(`electronegativity wrote no readable SARIF to ${path}: ${error.message}`)
      await new Promise((done) => setTimeout(done, 50))
    }
  }
}

mkdirSync(dirname(sarif), { recursive: true })
rmSync(sarif, { force: true })
const result = await run({
  input,
  output: sarif,
  isSarif: true,
  isRelative: true,
  electronVersionOverride: electronVersion,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  parserPlugins: [],
})

// The SARIF the tool wrote lists the same findings, in the same order, as the runner's result;
// SARIF levels say only "warning" or "note", so each finding's severity comes from the result.
const report = await readSarif(sarif)
const sarifResults = report.runs?.[0]?.results ?? []
let failed = false
if (sarifResults.length !== result.issues.length) {
  console.error(`electronegativity: the SARIF lists ${sarifResults.length} findings, the scan returned ${result.issues.length}`)
  failed = true
}
sarifResults.forEach((finding, i) => {
  const issue = result.issues[i]
  const severity = issue?.severity ?? { value: 3, name: 'UNKNOWN' }
  const where = finding.locations?.[0]?.physicalLocation
  const place = `${where?.artifactLocation?.uri ?? '?'}:${where?.region?.startLine ?? '?'}`
  const blocking = severity.value >= GATE || issue?.id !== finding.ruleId
  if (blocking) failed = true
  console.log(`${blocking ? 'FAIL' : 'note'} ${severity.name} ${finding.ruleId} ${place}: ${finding.message?.text ?? ''}`)
})
for (const error of result.errors) {
  console.log(`${error.tolerable ? 'note' : 'FAIL'} cannot parse ${relative(root, error.file)}: ${error.message}`)
  if (!error.tolerable) failed = true
}
const checks = result.globalChecks + result.atomicChecks
console.log(`electronegativity: ${checks} checks on ${relative(root, input) || '.'}, ${sarifResults.length} findings, ${failed ? 'FAILED (medium or higher, or unparsed files)' : 'none of medium severity or higher'}; SARIF at ${relative(root, sarif)}`)
process.exit(failed ? 1 : 0)
