import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const realtimeClientEntry = fileURLToPath(new URL('../shared/src/realtime/client/index.ts', import.meta.url));

export default defineProject({
  plugins: [react()],
  resolve: { alias: { '@kefu/shared/realtime-client': realtimeClientEntry, '@kefu/shared': sharedEntry } },
  test: {
    name: 'console',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test/setup.ts'],
    // Under NODE_ENV=test Ant Design gives every generated id the same value ("test-id"), so dialogs and tables
    // would lose their accessible names; the development mode behaves like the browser.
    env: { NODE_ENV: 'development' },
    testTimeout: 30_000,
  },
});
