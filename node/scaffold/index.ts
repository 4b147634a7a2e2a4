export { projectFiles, scaffoldProject, type ScaffoldResult, type SkippedFile } from './scaffold.js'
export { projectFacts, type ProjectFacts } from './facts.js'
