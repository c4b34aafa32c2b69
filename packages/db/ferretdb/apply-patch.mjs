// Adds the filter pushdown of pushdown.go to a writable copy of FerretDB's source (docs/decisions/0004).
// Node built-ins only: scripts/setup.mjs runs this before node_modules exists.

import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const patchDir = import.meta.dirname;
const collectionFile = 'internal/backends/sqlite/collection.go';

// Upstream's two copies of the lone-`_id` pushdown (Query, then Explain), replaced by one shared builder.
const upstreamPushdown =
  /\t\/\/ that logic should exist in one place\n\t\/\/ TODO https:\/\/github\.com\/FerretDB\/FerretDB\/issues\/3235\n\tif params\.Filter\.Len\(\) == 1 \{\n[\s\S]*?\n\t\}\n/g;
const replacements = [
  '\twhereClause, args = prepareWhereClause(params.Filter)\n',
  '\twhereClause, args = prepareWhereClause(params.Filter)\n\tfilterPushdown = whereClause != ""\n',
];

export function applyPatch(sourceDir) {
  const path = join(sourceDir, collectionFile);
  const source = readFileSync(path, 'utf8');
  const found = source.match(upstreamPushdown)?.length ?? 0;
  if (found !== replacements.length) {
    throw new Error(`${collectionFile}: expected ${replacements.length} pushdown blocks, found ${found}`);
  }
  let index = 0;
  writeFileSync(
    path,
    source.replace(upstreamPushdown, () => replacements[index++]),
  );
  copyFileSync(
    join(patchDir, 'pushdown.go'),
    join(sourceDir, 'internal/backends/sqlite/groupchat_pushdown.go'),
  );
}

/** Identifies this patch, so a changed patch gets a binary of its own (mirrored in src/embedded.ts). */
export function patchTag() {
  const hash = createHash('sha256');
  for (const name of readdirSync(patchDir).sort())
    hash.update(name).update(readFileSync(join(patchDir, name)));
  return hash.digest('hex').slice(0, 12);
}
