// @vitest-environment jsdom
import { convergenceSweep } from './convergence/sweep.js'

// Item 1 (convergence), shard 2 of 2: see convergence/sweep.ts.
convergenceSweep(1, 2)
