// Builds the web console into dist/gui, which the admin service serves (engine/admin/gui-static.ts).
// `npm run build` runs this after tsc; the output is never committed.

import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: resolve(here, '../../../dist/gui'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
