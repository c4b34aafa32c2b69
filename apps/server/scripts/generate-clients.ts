// Generates REST clients from openapi.json the way a mobile or web team would, into test/generated/ (not
// committed): test/generated-clients.test.ts then runs a whole flow through each against a started server.
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const document = join(serverDir, '../../openapi.json');
const target = join(serverDir, 'test/generated/hey-api');
// Built beside the target and swapped in, so a concurrent typecheck never reads a half-written client.
const partial = `${target}.${process.pid}.tmp`;

await createClient({
  input: document,
  output: { path: partial, importFileExtension: '.ts' },
  plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-fetch'],
  logs: { level: 'warn' },
});
rmSync(target, { recursive: true, force: true });
renameSync(partial, target);
console.log(`generated ${target}`);
