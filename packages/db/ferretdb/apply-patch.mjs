// Adds our patch to a writable copy of FerretDB's source: the filter pushdown of pushdown.go (docs/decisions/0004),
// the write lock of writelock.go (docs/decisions/0006) and the parent watch of parentwatch.go (docs/decisions/0007).
// Node built-ins only: scripts/setup.mjs runs this before node_modules exists.

import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const patchDir = import.meta.dirname;

// Upstream's two copies of the lone-`_id` pushdown (Query, then Explain), replaced by one shared builder.
const upstreamPushdown =
  /\t\/\/ that logic should exist in one place\n\t\/\/ TODO https:\/\/github\.com\/FerretDB\/FerretDB\/issues\/3235\n\tif params\.Filter\.Len\(\) == 1 \{\n[\s\S]*?\n\t\}\n/g;

const edits = [
  {
    file: 'internal/backends/sqlite/collection.go',
    find: upstreamPushdown,
    replacements: [
      '\twhereClause, args = prepareWhereClause(params.Filter)\n',
      '\twhereClause, args = prepareWhereClause(params.Filter)\n\tfilterPushdown = whereClause != ""\n',
    ],
  },
  {
    // Updates and deletes address documents by this expression. Upstream writes it `->'$._id'` while the `_id_`
    // index is on `->"_id"`: the same value, but SQLite matches index expressions as written, so every update
    // and delete by _id scanned the table (250 ms among 62,000 memberships).
    file: 'internal/backends/sqlite/metadata/metadata.go',
    find: /IDColumn = DefaultColumn \+ "->'\$\._id'"/g,
    replacements: ['IDColumn = DefaultColumn + `->"_id"`'],
  },
  // Each write command takes the write lock once its parameters are parsed and holds it until it returns, so its
  // query and its writes are one step for every other write (writelock.go).
  ...['Update', 'FindAndModify', 'Delete', 'Insert'].map((command) => ({
    file: `internal/handler/msg_${command.toLowerCase()}.go`,
    find: new RegExp(
      `\\tparams, err := common\\.Get${command}Params\\(document, h\\.L\\)\\n\\tif err != nil \\{\\n\\t\\treturn nil, [^\\n]*\\n\\t\\}\\n`,
      'g',
    ),
    replacements: [
      (upstream) =>
        `${upstream}\n\tunlock, err := groupchatLockWrites(connCtx)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer unlock()\n`,
    ],
  })),
];

export function applyPatch(sourceDir) {
  for (const { file, find, replacements } of edits) {
    const path = join(sourceDir, file);
    const source = readFileSync(path, 'utf8');
    const found = source.match(find)?.length ?? 0;
    if (found !== replacements.length) {
      throw new Error(`${file}: expected ${replacements.length} upstream passages to patch, found ${found}`);
    }
    let index = 0;
    writeFileSync(
      path,
      source.replace(find, (upstream) => {
        const replacement = replacements[index++];
        return typeof replacement === 'function' ? replacement(upstream) : replacement;
      }),
    );
  }
  copyFileSync(
    join(patchDir, 'pushdown.go'),
    join(sourceDir, 'internal/backends/sqlite/groupchat_pushdown.go'),
  );
  copyFileSync(join(patchDir, 'writelock.go'), join(sourceDir, 'internal/handler/groupchat_writelock.go'));
  copyFileSync(join(patchDir, 'parentwatch.go'), join(sourceDir, 'cmd/ferretdb/groupchat_parentwatch.go'));
}

/** Identifies this patch, so a changed patch gets a binary of its own (setup.mjs builds it, src/embedded.ts runs it). */
export function patchTag() {
  const hash = createHash('sha256');
  for (const name of readdirSync(patchDir).sort())
    hash.update(name).update(readFileSync(join(patchDir, name)));
  return hash.digest('hex').slice(0, 12);
}
