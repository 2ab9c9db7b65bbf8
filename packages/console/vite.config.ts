import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Resolving the shared package from source lets the console build without building packages/shared first.
const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const apiServer = 'http://localhost:3000';

const vendorChunks: Record<string, RegExp> = {
  react: /node_modules\/(react|react-dom|react-router|react-router-dom|scheduler)\//,
  antd: /node_modules\/antd\//,
  'antd-base': /node_modules\/(@ant-design|@rc-component|rc-[^/]+|dayjs)\//,
  zod: /node_modules\/zod\//,
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
    // Ant Design alone is just over 500 kB minified; it sits in its own long-cached chunk, apart from app code.
    chunkSizeWarningLimit: 600,
    rollupOptions: { output: { manualChunks } },
  },
});
