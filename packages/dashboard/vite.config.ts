import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Served by the sluice server under /dashboard (packages/server/src/observability).
export default defineConfig({
  base: '/dashboard/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 400 },
  server: { proxy: { '/admin': 'http://127.0.0.1:9324', '/metrics': 'http://127.0.0.1:9324' } },
});
