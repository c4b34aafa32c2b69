import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@groupchat/db/global-setup'],
    setupFiles: ['./test/conformance-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
