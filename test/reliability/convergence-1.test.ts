// @vitest-environment jsdom
import { convergenceSweep } from './convergence/sweep.js'

// Item 1 (convergence), shard 1 of 2: see convergence/sweep.ts.
convergenceSweep(0, 2)
