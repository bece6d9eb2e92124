import { defineConfig } from 'vitest/config';

const resolve = { conditions: ['source', 'import', 'node', 'default'] };
const server = 'apps/server/src';

/**
 * Projects: `unit` (pure, no I/O), `pglite` and `postgres` (the same integration
 * suite, *.int.test.ts, on each engine). scripts/test.mjs picks which to run.
 */
export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    projects: [
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'unit',
          include: [`${server}/**/*.test.ts`, 'packages/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'pglite',
          include: [`${server}/**/*.int.test.ts`],
          env: { TEST_ENGINE: 'pglite' },
          globalSetup: [`${server}/test/global-setup.ts`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'postgres',
          include: [`${server}/**/*.int.test.ts`],
          env: { TEST_ENGINE: 'postgres' },
          globalSetup: [`${server}/test/global-setup.ts`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
