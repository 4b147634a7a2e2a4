// `npm start`: the desktop app when an Electron runtime is installed; otherwise browser mode
// (`mldoc web`), saying so in one sentence. `npm run web` (`--browser`) always starts browser
// mode. Other arguments go to `mldoc web` (e.g. `npm run web -- --port 5173 --dir docs`).
// Builds the renderer and the command line first when they are missing.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const browserOnly = args.includes('--browser')
const webArgs = args.filter((arg) => arg !== '--browser')

/** Runs a build step in the repository, stopping with its status when it fails. */
function build(label, command, commandArgs) {
  console.log(label)
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/**
 * The Electron executable, or null when none can be had. Read from the electron package's
 * `path.txt`; when it is missing, the binary is fetched once with the package's own installer
 * (skipped under ELECTRON_SKIP_BINARY_DOWNLOAD).
 */
function electronBinary() {
  let packageDir
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile) && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    // Electron fetches its binary on first use. Try once, quietly: where the download host is
    // unreachable this fails within seconds and MLDoc falls back to browser mode.
    console.log('Fetching the Electron runtime (first start)…')
    spawnSync(process.execPath, [join(packageDir, 'install.js')], { cwd: packageDir, stdio: 'ignore', timeout: 300_000 })
  }
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(packageDir, 'dist', relative)
  return existsSync(binary) ? binary : null
}

/** Starts a child process in the foreground, passing Ctrl+C on and exiting with its status. */
function foreground(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
if (!existsSync(join(root, 'dist/renderer/index.html'))) build('Building the editor (first start)…', npm, ['run', '--silent', 'build:renderer'])

const electron = browserOnly ? null : electronBinary()
if (electron) {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {}
  if (scripts['build:electron']) build('Building the desktop shell…', npm, ['run', '--silent', 'build:electron'])
  foreground(electron, ['.'])
} else {
  if (!browserOnly) console.log('No Electron runtime is installed here, so MLDoc starts in browser mode.')
  if (!existsSync(join(root, 'dist/cli/mldoc.js'))) build('Building the command line…', process.execPath, ['scripts/build-cli.mjs'])
  foreground(process.execPath, [join(root, 'bin/mldoc.js'), 'web', ...webArgs])
}
