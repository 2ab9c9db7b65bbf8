import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Resolving the shared package from source lets the console build without building packages/shared first.
const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const realtimeClientEntry = fileURLToPath(new URL('../shared/src/realtime/client/index.ts', import.meta.url));
const apiServer = 'http://localhost:3000';

// Libraries that change less often than the app get chunks of their own, so browsers keep them cached across
// releases. Each group must not import another group that imports it back: Ant Design split into two groups
// made such a cycle, and the bundle failed at startup with "Cannot access … before initialization".
const vendorChunks: Record<string, RegExp> = {
  react: /node_modules\/(react|react-dom|scheduler)\//,
  antd: /node_modules\/(antd|@ant-design|@rc-component|dayjs)\//,
  i18n: /node_modules\/(i18next|react-i18next)\//,
  zod: /node_modules\/zod\//,
};

function manualChunks(id: string): string | undefined {
  return Object.keys(vendorChunks).find((chunk) => vendorChunks[chunk]?.test(id));
}

// No @vitejs/plugin-react here: npm hoists it next to the root's Vite 8, so it sets itself up for Vite 8
// (Rolldown) and this package's Vite 7 dev server then fails on every .tsx file. esbuild compiles the JSX as
// tsconfig's "react-jsx" says; only Fast Refresh is lost, and edits reload the page instead. Add `react()` back
// once this package builds with the same Vite as the root.
export default defineConfig({
  // The subpath first: an alias also matches everything under its name.
  resolve: { alias: { '@kefu/shared/realtime-client': realtimeClientEntry, '@kefu/shared': sharedEntry } },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      // The agent socket, and the widget and its demo page that the inbox settings link to.
      '/ws': { target: apiServer, ws: true },
      '/widget': apiServer,
      '/demo': apiServer,
    },
  },
  build: {
    outDir: 'dist',
    // Ant Design is one chunk of about 1 MB minified (300 kB gzipped) that cannot be split further safely.
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      output: { manualChunks },
      onwarn(warning, warn) {
        // Libraries mark modules "use client" for React Server Components; a browser-only bundle has no use for it.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
