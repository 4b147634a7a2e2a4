// The process bench/run.mjs starts: runs the benchmarks with the command line's options.
import { main } from './main.js'

process.exitCode = await main(process.argv.slice(2))
