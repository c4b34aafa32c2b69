import { defineConfig } from 'vitest/config';

// Packing and installing outside the repository takes a while on two cores.
export default defineConfig({ test: { testTimeout: 180_000, hookTimeout: 180_000 } });
