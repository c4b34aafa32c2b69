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
import { dirname, join } from 'node:path';
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
// release tooling writes. So: download the pinned module, copy it, write that file (the workaround FerretDB's
// build/version docs give, decision 0002), add our filter pushdown (decision 0004), build.
// Each build writes under its own name and renames into place, so two setups racing on one machine (two
// clones, say) both end with a whole binary.
function ensureFerretDb() {
  if (process.env.MONGODB_URI) return;
  const { module, version } = JSON.parse(readFileSync(join(root, 'packages/db/ferretdb.json'), 'utf8'));
  const binary = ferretDbBinaryPath();
  if (existsSync(binary)) return;
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    console.log('setup: Go is not installed; the embedded database falls back to mongodb-memory-server.');
    return;
  }
  console.log(`setup: building FerretDB ${version} with Go (a few minutes, once per machine)…`);
  const modulePath = module.replace(/\/cmd\/ferretdb$/, '');
  const download = spawnSync('go', ['mod', 'download', '-json', `${modulePath}@${version}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (download.status !== 0) process.exit(download.status ?? 1);
  const sourceDir = JSON.parse(download.stdout).Dir;
  const buildDir = mkdtempSync(join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(sourceDir, buildDir, { recursive: true });
    chmodTree(buildDir);
    writeFileSync(join(buildDir, 'build', 'version', 'version.txt'), `${version}\n`);
    applyPatch(buildDir);
    const binDir = dirname(binary);
    mkdirSync(binDir, { recursive: true });
    const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
    const result = spawnSync(
      'go',
      ['build', '-trimpath', '-o', join(binDir, `ferretdb.${process.pid}.tmp`), './cmd/ferretdb'],
      {
        cwd: buildDir,
        stdio: 'inherit',
        env,
      },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
    renameSync(join(binDir, `ferretdb.${process.pid}.tmp`), binary);
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

// The module cache is read-only; the copy must be writable to add version.txt and to be removed afterwards.
function chmodTree(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chmodTree(path);
    else chmodSync(path, 0o644);
  }
}

// Builds versitygw where packages/s3-server looks for it: the pinned module's source, copied, with our parent
// watch added to its command (decision 0009), then built. Always, not only for MEDIA_STORE=s3: the media tests,
// which `npm test` runs after this, start it.
function ensureVersitygw() {
  const binary = versitygwBinaryPath();
  if (existsSync(binary)) return;
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    console.log('setup: Go is not installed; versitygw (the S3 server of the media tests) is not built.');
    return;
  }
  console.log(`setup: building versitygw ${versitygwPin.version} with Go (a few minutes, once per machine)…`);
  const modulePath = versitygwPin.module.replace(/\/cmd\/versitygw$/, '');
  const download = spawnSync('go', ['mod', 'download', '-json', `${modulePath}@${versitygwPin.version}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (download.status !== 0) process.exit(download.status ?? 1);
  const buildDir = mkdtempSync(join(tmpdir(), 'versitygw-src-'));
  try {
    cpSync(JSON.parse(download.stdout).Dir, buildDir, { recursive: true });
    chmodTree(buildDir);
    cpSync(versitygwPatchFile, join(buildDir, 'cmd', 'versitygw', 'groupchat_parentwatch.go'));
    const binDir = dirname(binary);
    mkdirSync(binDir, { recursive: true });
    const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
    const result = spawnSync(
      'go',
      ['build', '-trimpath', '-o', join(binDir, `versitygw.${process.pid}.tmp`), './cmd/versitygw'],
      { cwd: buildDir, stdio: 'inherit', env },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
    renameSync(join(binDir, `versitygw.${process.pid}.tmp`), binary);
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

ensureNodeModules();
ensureFerretDb();
ensureVersitygw();
