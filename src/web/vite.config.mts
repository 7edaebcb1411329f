import { defineConfig } from 'vite';

// Paths are relative to the project root, where npm runs `vite build --config src/web/vite.config.mts`.
export default defineConfig({
  root: 'src/web',
  base: '/',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // cytoscape alone is about 400 kB minified; one bundle for one page is fine, so do not warn about it.
    chunkSizeWarningLimit: 1000,
  },
});
