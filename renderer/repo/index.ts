import './repo.css'

export { ProjectSkeletonDialog } from './ProjectSkeletonDialog.js'
export { RepositoryExportDialog } from './RepositoryExportDialog.js'
