// Brings a fresh clone (or a stale one) to runnable: npm dependencies, the embedded FerretDB binary and the
// versitygw binary (the S3-compatible server the media tests store into).
// Runs before node_modules exists, so it uses Node built-ins only. A second run installs nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch } from '../packages/db/ferretdb/apply-patch.mjs';
import { ferretDbBinaryPath } from '../packages/db/ferretdb-binary.mjs';
import {
  versitygwBinaryPath,
  versitygwPatchFile,
  versitygwPin,
} from '../packages/s3-server/versitygw-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = process.env) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(result.status ?? 1);
  }
};

function ensureNodeModules() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const stamp = join(root, 'node_modules', '.groupchat-lock-hash');
  const hash = createHash('sha256').update(lock).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('setup: installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(stamp, hash);
}

// Builds FerretDB where packages/db/src/embedded.ts looks for it (packages/db/ferretdb-binary.mjs). `go install
// …@version` builds a binary that panics at start: FerretDB embeds build/version/version.txt, which only its own
// release tooling writes. So: write that file (the workaround FerretDB's build/version docs give, decision 0002),
// add our filter pushdown (decision 0004), build.
function ensureFerretDb() {
  if (process.env.MONGODB_URI) return;
  const { module, version } = JSON.parse(readFileSync(join(root, 'packages/db/ferretdb.json'), 'utf8'));
  buildGoCommand({
    name: 'FerretDB',
    module,
    version,
    binary: ferretDbBinaryPath(),
    withoutGo: 'the embedded database falls back to mongodb-memory-server',
    prepare(buildDir) {
      writeFileSync(join(buildDir, 'build', 'version', 'version.txt'), `${version}\n`);
      applyPatch(buildDir);
    },
  });
}

// Builds versitygw where packages/s3-server looks for it, with our parent watch added to its command (decision
// 0009). Always, not only for MEDIA_STORE=s3: the media tests, which `npm test` runs after this, start it.
function ensureVersitygw() {
  buildGoCommand({
    name: 'versitygw',
    module: versitygwPin.module,
    version: versitygwPin.version,
    binary: versitygwBinaryPath(),
    withoutGo: 'versitygw (the S3 server of the media tests) is not built',
    prepare(buildDir) {
      cpSync(versitygwPatchFile, join(buildDir, 'cmd', 'versitygw', 'groupchat_parentwatch.go'));
    },
  });
}

// Builds the command `module` (…/cmd/<name>) at `version` into `binary`, unless it is there: the pinned module's
// source, copied (the module cache is read-only), changed by `prepare`, built. It is written under a name of this
// process's own and renamed into place, so two setups racing on one machine (two clones, say) both end with a
// whole binary.
function buildGoCommand({ name, module, version, binary, withoutGo, prepare }) {
  if (existsSync(binary)) return;
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    console.log(`setup: Go is not installed; ${withoutGo}.`);
    return;
  }
  console.log(`setup: building ${name} ${version} with Go (a few minutes, once per machine)…`);
  const commandDir = module.slice(module.lastIndexOf('/cmd/') + 1);
  const download = spawnSync(
    'go',
    ['mod', 'download', '-json', `${module.replace(`/${commandDir}`, '')}@${version}`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (download.status !== 0) process.exit(download.status ?? 1);
  const buildDir = mkdtempSync(join(tmpdir(), `${basename(binary)}-src-`));
  try {
    cpSync(JSON.parse(download.stdout).Dir, buildDir, { recursive: true });
    chmodTree(buildDir);
    prepare(buildDir);
    const binDir = dirname(binary);
    mkdirSync(binDir, { recursive: true });
    const partial = join(binDir, `${basename(binary)}.${process.pid}.tmp`);
    const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
    const result = spawnSync('go', ['build', '-trimpath', '-o', partial, `./${commandDir}`], {
      cwd: buildDir,
      stdio: 'inherit',
      env,
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
    renameSync(partial, binary);
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

// The copy must be writable to add our files and to be removed afterwards.
function chmodTree(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chmodTree(path);
    else chmodSync(path, 0o644);
  }
}

ensureNodeModules();
ensureFerretDb();
ensureVersitygw();
