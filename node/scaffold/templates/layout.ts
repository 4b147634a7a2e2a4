import type { FileFamily } from '../generated.js'

/** Folders that start empty, kept in git by a `.gitkeep` file. */
const EMPTY_FOLDERS = ['data/raw', 'data/interim', 'data/processed', 'notebooks', 'models']

/** The empty folders of the layout: data by stage, notebooks, models. */
export const layoutFiles: FileFamily = () => EMPTY_FOLDERS.map((folder) => ({ path: `${folder}/.gitkeep`, content: '' }))
