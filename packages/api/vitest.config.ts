import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { globalSetup: ['@groupchat/core/global-setup'], testTimeout: 20_000, hookTimeout: 30_000 },
});
