// Build of the three Electron bundles. Main runs as ESM (package.json "type": "module") with its
// npm dependencies left external, because native addons (better-sqlite3, onnxruntime-node) must
// load from node_modules. The preload is CommonJS because Electron's sandboxed preloads cannot
// be ES modules. The renderer is the React app rooted at src/renderer.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        // The workers are separate entries because they are started from files next to the
        // bundle: the model jobs run in worker.js and the corpus imports in corpus-worker.js
        // (worker threads), and the encoder worker runs in a utility process from encoder-worker.js.
        input: {
          index: resolve(root, 'src/main/index.ts'),
          worker: resolve(root, 'src/main/model/worker.ts'),
          'corpus-worker': resolve(root, 'src/main/corpus/worker.ts'),
          'encoder-worker': resolve(root, 'src/main/encoders/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // Relative asset URLs work both from the app:// protocol and from the web host's root.
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
