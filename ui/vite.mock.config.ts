// The window on a fake backend, for looking at it in a browser: `npm run mock` serves it,
// `npm run build:mock` writes dist-mock/ (never shipped; Tauri serves dist/).
import { defineConfig, mergeConfig } from 'vitest/config';

import base from './vite.config';

export default mergeConfig(
  base,
  defineConfig({
    server: { port: 5174, strictPort: true },
    build: {
      outDir: 'dist-mock',
      rollupOptions: { input: 'mock.html' },
    },
  }),
);
