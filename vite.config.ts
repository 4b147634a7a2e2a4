import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/**
 * Builds the renderer (React + Tiptap) into `dist/renderer`, loaded by Electron from disk and
 * served by the browser-mode host. Relative asset URLs let both load it from any folder.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
})
