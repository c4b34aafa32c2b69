// The package as an app outside this repository gets it: packed, installed into an empty directory under the
// system temp dir (dependencies from the npm registry or npm's cache), type-checked by a consumer with
// moduleResolution bundler and node16, and loaded by Node.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(packageDir, '../../node_modules/typescript/bin/tsc');
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

let consumer: string;
let tarball: string;

beforeAll(() => {
  // turbo builds the package before its tests; a hand-run test must not pack a stale build.
  const built = join(packageDir, 'dist/index.d.ts');
  const inputs = [join(packageDir, '../../openapi.json'), ...listFiles(join(packageDir, 'src'))];
  const newest = Math.max(...inputs.map((file) => statSync(file).mtimeMs));
  if (!existsSync(built) || statSync(built).mtimeMs < newest) run('npm', ['run', 'build'], packageDir);
  consumer = mkdtempSync(join(tmpdir(), 'groupchat-client-consumer-'));
  // --ignore-scripts: prepack would rebuild dist/ while other packages' tests read it.
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', consumer], packageDir),
  );
  tarball = join(consumer, packed[0].filename);
  cpSync(join(packageDir, 'test/consumer'), consumer, { recursive: true });
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  // Our internal scope points nowhere: if the tarball needed a package of ours, the install fails here instead of
  // fetching whatever a stranger published under that name.
  run(
    'npm',
    [
      'install',
      tarball,
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--@groupchat:registry=https://registry.invalid/',
    ],
    consumer,
  );
});

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe('the packed @groupchat/client', () => {
  it('ships JavaScript and one declaration file that name nothing of the server', () => {
    const installed = join(consumer, 'node_modules/@groupchat/client');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@trpc/client',
      '@trpc/server',
      'openapi-fetch',
    ]);
    const files = run('find', ['.', '-type', 'f'], installed).split('\n').filter(Boolean).sort();
    expect(files).toEqual(['./README.md', './dist/index.d.ts', './dist/index.js', './package.json']);
    for (const file of ['dist/index.d.ts', 'dist/index.js']) {
      const text = readFileSync(join(installed, file), 'utf8');
      expect(text).not.toMatch(/@groupchat\/|mongoose|trpc-to-openapi|sharp|ApiContext/);
    }
  });

  for (const resolution of ['bundler', 'node16'] as const) {
    it(`type-checks a consumer with moduleResolution ${resolution}, without skipLibCheck`, () => {
      const module = resolution === 'bundler' ? 'preserve' : 'node16';
      const config = `tsconfig.${resolution}.json`;
      writeFileSync(
        join(consumer, config),
        JSON.stringify({
          compilerOptions: {
            module,
            moduleResolution: resolution,
            target: 'es2022',
            // @trpc/server's declarations use Disposable; skipLibCheck, the common default, would hide the need.
            lib: ['es2022', 'dom', 'esnext.disposable'],
            types: [],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
          },
          files: ['index.ts'],
        }),
      );
      const result = (() => {
        try {
          return run(process.execPath, [tsc, '-p', config], consumer);
        } catch (error) {
          return String((error as { stdout?: string }).stdout ?? error);
        }
      })();
      expect(result).toBe('');
    });
  }

  it('loads in Node and builds both clients', () => {
    const script =
      "import { createGroupChatClient } from '@groupchat/client'; const c = createGroupChatClient({ url: 'http://127.0.0.1:9' }); console.log(typeof c.trpc.groups.create.mutate, typeof c.rest.POST);";
    expect(run(process.execPath, ['--input-type=module', '-e', script], consumer).trim()).toBe(
      'function function',
    );
  });
});
