import { resolve } from 'node:path'
import { startWebHost } from '../../node/web/server.js'
import { argumentError, expectFiles, parseCommandArgs, EXIT, type Command } from '../command.js'

/** `mldoc web`: the editor in a browser, served by a local host process that keeps documents in a folder. */
export const command: Command = {
  usage: `Usage: mldoc web [--port N] [--dir DIR]

Serves the MLDoc editor on this machine (127.0.0.1 only) and prints the address to open in a
browser. Documents are opened from, saved to and exported into DIR. The address carries a
session token: only a browser given that address can use the editor. Stop with Ctrl+C.

Options:
  -p, --port N   the port to listen on (default: a free one)
  -d, --dir DIR  the documents folder (default: the current folder)
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('web', {
      args,
      options: {
        port: { type: 'string', short: 'p', default: '0' },
        dir: { type: 'string', short: 'd', default: '.' },
      },
      strict: true,
      allowPositionals: true,
    })
    expectFiles('web', positionals, [])
    const port = Number(values.port)
    if (!/^\d+$/.test(values.port) || port > 65535) throw argumentError('web', `--port must be a number from 0 to 65535, not "${values.port}"`)
    const host = await startWebHost({ port, dir: resolve(values.dir) })
    io.stdout(`MLDoc is running at ${host.url}\n`)
    io.stderr(`Documents folder: ${resolve(values.dir)}. Stop with Ctrl+C.\n`)
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void host.close().then(done)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    return EXIT.ok
  },
}
