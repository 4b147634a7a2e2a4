import { startSignalServer } from '../../node/signal/server.js'
import { argumentError, expectFiles, parseCommandArgs, EXIT, type Command } from '../command.js'

/** `mldoc signal`: a signaling server through which the peers of a shared document find each other. */
export const command: Command = {
  usage: `Usage: mldoc signal [--port N] [--host H]

Runs a signaling server (y-webrtc's protocol) through which the people editing a document find
each other; their editors then connect directly, peer to peer. The server never sees the
document: what passes through it is encrypted with the room's secret. Put its address
(ws://HOST:PORT) in Settings > Signaling servers, or in an invite. Stop with Ctrl+C.

Options:
  -p, --port N   the port to listen on (default: 4444)
  -H, --host H   the address to listen on (default: 127.0.0.1, this machine only;
                 0.0.0.0 lets a team on the same network reach it)
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('signal', {
      args,
      options: {
        port: { type: 'string', short: 'p', default: '4444' },
        host: { type: 'string', short: 'H', default: '127.0.0.1' },
      },
      strict: true,
      allowPositionals: true,
    })
    expectFiles('signal', positionals, [])
    const port = Number(values.port)
    if (!/^\d+$/.test(values.port) || port > 65535) throw argumentError('signal', `--port must be a number from 0 to 65535, not "${values.port}"`)
    if (values.host.trim() === '') throw argumentError('signal', '--host must be an address such as 127.0.0.1 or 0.0.0.0')
    let server
    try {
      server = await startSignalServer({ port, host: values.host })
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'EADDRINUSE') throw argumentError('signal', `port ${port} on ${values.host} is already in use (another signaling server?); choose another with --port`)
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw argumentError('signal', `--host ${values.host} is not an address of this machine`)
      throw error
    }
    io.stdout(`Signaling server running at ${server.url}\n`)
    io.stderr(values.host === '127.0.0.1' || values.host === 'localhost'
      ? 'Only this machine can reach it (use --host 0.0.0.0 for a team on your network). Stop with Ctrl+C.\n'
      : 'Peers on your network can reach it at this machine\'s address. Stop with Ctrl+C.\n')
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void server.close().then(done)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    return EXIT.ok
  },
}
