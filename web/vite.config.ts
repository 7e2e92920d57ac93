// SPDX-License-Identifier: Apache-2.0
// Vite build of the dashboard: one offline bundle in dist/ (no CDN), served by `urbanmine serve`.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
