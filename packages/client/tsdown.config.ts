// One ESM file and one bundled declaration file. Dependencies (tRPC, openapi-fetch) stay imports; nothing of the
// server reaches the output (test/pack.test.ts checks the tarball for it).
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: false,
});
