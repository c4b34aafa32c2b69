// Writes src/generated/openapi.ts, the REST client's types, from the repository's openapi.json. Generated on every
// typecheck and build rather than committed, so the document stays the only thing to regenerate when the API
// changes. File fields become Blob (openapi-typescript's documented transform), so a cover can be passed as is.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const document = JSON.parse(readFileSync(join(root, '../../openapi.json'), 'utf8'));

const ast = await openapiTS(document, {
  transform: (schema) =>
    schema.format === 'binary' ? ts.factory.createTypeReferenceNode('Blob') : undefined,
});
const target = join(root, 'src/generated/openapi.ts');
mkdirSync(dirname(target), { recursive: true });
const text = `// Generated from openapi.json by scripts/generate-rest-types.ts; do not edit.\n${astToString(ast)}`;
// Unchanged output keeps its mtime, so a build stays newer than its inputs (test/pack.test.ts relies on that).
if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
  // Typecheck and build may generate at the same time: a reader sees the old file or the new one, never half.
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, target);
}
