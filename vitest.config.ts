import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const shared = fileURLToPath(new URL('./packages/shared/src/index.ts', import.meta.url));
const realtimeClient = fileURLToPath(new URL('./packages/shared/src/realtime/client/index.ts', import.meta.url));
// The subpath first: an alias also matches everything under its name.
const alias = { '@kefu/shared/realtime-client': realtimeClient, '@kefu/shared': shared };

function serverProject(database: 'sqlite' | 'postgres') {
  return {
    resolve: { alias },
    test: {
      name: `server-${database}`,
      include: ['packages/server/src/**/*.test.ts', 'packages/shared/src/**/*.test.ts'],
      environment: 'node' as const,
      env: { KEFU_TEST_DB: database },
      testTimeout: 20_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      serverProject('sqlite'),
      serverProject('postgres'),
      'packages/console/vitest.config.ts',
      'packages/widget/vitest.config.ts',
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
