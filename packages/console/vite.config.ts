import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Resolving the shared package from source lets the console build without building packages/shared first.
const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const apiServer = 'http://localhost:3000';

const vendorChunks: Record<string, RegExp> = {
  react: /node_modules\/(react|react-dom|react-router|react-router-dom|scheduler)\//,
  antd: /node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs)\//,
  i18n: /node_modules\/(i18next|react-i18next)\//,
};

function manualChunks(id: string): string | undefined {
  return Object.keys(vendorChunks).find((chunk) => vendorChunks[chunk]?.test(id));
}

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@kefu/shared': sharedEntry } },
  server: {
    proxy: { '/api': apiServer, '/healthz': apiServer },
  },
  build: {
    outDir: 'dist',
    rollupOptions: { output: { manualChunks } },
  },
});
