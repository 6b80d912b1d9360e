/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One file for Vite (dev server, build, preview) and Vitest.
export default defineConfig({
  // Relative base: the same dist/ works at / and from any sub-path of a
  // course website (contract 3 in shared/ARCHITECTURE.md).
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    // Vite prints each asset's size and its gzipped size after a build.
    reportCompressedSize: true,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // Pure code runs in Node. A test that needs a DOM opts in with a
    // `// @vitest-environment happy-dom` comment at its top.
    environment: 'node',
    // Property tests run 1,000+ schedules each: give them room on a loaded
    // 2-core machine. Speed is measured by `npm run bench`, not by tests.
    testTimeout: 60_000,
    // `vitest run` before anyone has written a test must not fail the build.
    passWithNoTests: true,
  },
});
