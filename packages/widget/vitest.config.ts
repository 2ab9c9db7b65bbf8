import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const realtimeClientEntry = fileURLToPath(new URL('../shared/src/realtime/client/index.ts', import.meta.url));

export default defineProject({
  resolve: { alias: { '@kefu/shared/realtime-client': realtimeClientEntry, '@kefu/shared': sharedEntry } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'widget',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
