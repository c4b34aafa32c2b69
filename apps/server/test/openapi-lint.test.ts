// Redocly's lint of the committed openapi.json with the repository's redocly.yaml: no errors and no warnings, so a
// document change that makes generators or Swagger UI guess shows up here.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { OPENAPI_PATH } from '../src/settings.ts';

const root = dirname(OPENAPI_PATH);

it('openapi.json passes `redocly lint` without errors or warnings', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', '--format=json'],
    // No telemetry or update check from a test run.
    { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { totals: object; problems: { ruleId: string; message: string }[] };
  expect(report.problems.map(({ ruleId, message }) => `${ruleId}: ${message}`)).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
}, 30_000);
