export { defaultDesignDocPath, exportToRepository, type RepositoryExport, type RepositoryExportOptions } from './export.js'
export { slugify, FALLBACK_SLUG, MAX_SLUG_LENGTH } from './slug.js'
