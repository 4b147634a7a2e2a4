export { exportMarkdown } from './export.js'
export { importMarkdown, type ImportOptions, type ImportResult, type ImportWarning } from './import.js'
export type { BlockExportContext, BlockImportContext, BlockMarkdown, BlockParse } from './block-markdown.js'
export { BLOCK_MARKDOWN } from './blocks.js'
