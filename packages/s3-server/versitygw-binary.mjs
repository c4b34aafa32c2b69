// Where the built versitygw lives: one binary per pinned version and patch, in the user's cache, shared by every
// clone. scripts/setup.mjs builds it there and src/index.ts runs it from there, so both ask this one function.
// Node built-ins only: setup runs before node_modules exists.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const versitygwPin = JSON.parse(readFileSync(new URL('./versitygw.json', import.meta.url), 'utf8'));

/** The file setup adds to versitygw's command (the parent watch); its hash names the build. */
export const versitygwPatchFile = new URL('./versitygw/parentwatch.go', import.meta.url).pathname;

export function versitygwBinaryPath() {
  const tag = createHash('sha256').update(readFileSync(versitygwPatchFile)).digest('hex').slice(0, 12);
  // biome-ignore lint/style/noProcessEnv: the user's cache location (XDG), which setup and start-up must agree on
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'groupchat', `versitygw-${versitygwPin.version}-${tag}`, 'versitygw');
}
