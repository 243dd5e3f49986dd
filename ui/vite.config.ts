// Vite builds the window's assets into dist/, which Tauri serves through its custom protocol.
// Nothing is fetched from elsewhere at run time, and the output needs no inline script, so the
// window's strict content security policy (src-tauri/tauri.conf.json) holds.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: './',
  // esbuild compiles JSX with React's automatic runtime; no React plugin is needed.
  esbuild: { jsx: 'automatic' },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari16',
    // The polyfill would be inlined into the entry; WebKitGTK supports modulepreload natively.
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // TanStack Query marks its modules "use client" for server frameworks; nothing to do here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    reporters: ['default', './summary-reporter.ts'],
  },
});
