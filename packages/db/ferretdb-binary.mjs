// Where the built FerretDB lives: one binary per pinned version and patch, in the user's cache, shared by every
// clone. scripts/setup.mjs builds it there and src/embedded.ts runs it from there, so both ask this one function.
// Node built-ins only: setup runs before node_modules exists.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { patchTag } from './ferretdb/apply-patch.mjs';

const pin = JSON.parse(readFileSync(new URL('./ferretdb.json', import.meta.url), 'utf8'));

export function ferretDbBinaryPath() {
  // biome-ignore lint/style/noProcessEnv: the user's cache location (XDG), which setup and start-up must agree on
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'groupchat', `ferretdb-${pin.version}-${patchTag()}`, 'ferretdb');
}
