#!/usr/bin/env node
// Launches the `mldoc` command line built by scripts/build-cli.mjs (dist/cli/mldoc.js).
import { existsSync } from 'node:fs'

const bundle = new URL('../dist/cli/mldoc.js', import.meta.url)
if (!existsSync(bundle)) {
  process.stderr.write('mldoc: the command line is not built (dist/cli/mldoc.js is missing); run npm install in the MLDoc folder\n')
  process.exit(3)
}
process.setSourceMapsEnabled(true)
// `mldoc export FILE | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})
const { main } = await import(bundle.href).catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
  process.stderr.write(`mldoc: a package MLDoc needs is missing (${error.message}); run npm install in the MLDoc folder\n`)
  process.exit(3)
})
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
})
