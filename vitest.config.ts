import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start the built CLI as a process; give them room on a shared machine.
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/support/build.ts'],
  },
});
