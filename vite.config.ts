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
    rollupOptions: {
      output: {
        // What opening the app needs, in one script: split by what the lazy parts share, it
        // took a dozen requests, more than a browser makes to one host at once.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
})
