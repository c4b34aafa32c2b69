// The CLI: flag/env parsing, and a real run that prints its URL, serves, hides the secret and stops on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_APP_KEY, DEV_APP_SECRET, parseCliArgs } from '../src/cli-args.ts';
import { callApi } from './support/api-client.ts';

describe('parseCliArgs', () => {
  it('defaults to the development key and secret and says so', () => {
    expect(parseCliArgs([], {})).toEqual({
      kind: 'start',
      options: { appKey: DEV_APP_KEY, appSecret: DEV_APP_SECRET },
      quiet: false,
      defaultKey: true,
      defaultSecret: true,
    });
  });

  it('reads the environment, with flags taking precedence', () => {
    const env = { RONGCLOUD_APP_KEY: 'envKey', RONGCLOUD_APP_SECRET: 'envSecret' };
    const fromEnv = parseCliArgs(['--port', '8123'], env);
    expect(fromEnv).toMatchObject({
      options: { appKey: 'envKey', appSecret: 'envSecret', port: 8123 },
      defaultKey: false,
      defaultSecret: false,
    });
    const fromFlags = parseCliArgs(
      ['--app-key=flagKey', '--app-secret', 'flagSecret', '--strict-timestamps'],
      env,
    );
    expect(fromFlags).toMatchObject({
      options: { appKey: 'flagKey', appSecret: 'flagSecret', strictTimestamps: true },
    });
  });

  it('parses host, member cap, quiet and help', () => {
    expect(parseCliArgs(['--host', '0.0.0.0', '--max-members', '50', '--quiet'], {})).toMatchObject({
      options: { host: '0.0.0.0', maxMembers: 50 },
      quiet: true,
    });
    expect(parseCliArgs(['--help'], {})).toEqual({ kind: 'help' });
  });

  it('parses the server time zone of gag-list times', () => {
    expect(parseCliArgs(['--server-time-zone', 'UTC'], {})).toMatchObject({
      options: { serverTimeZone: 'UTC' },
    });
    expect(() => parseCliArgs(['--server-time-zone', 'Asia/Shanghai'], {})).toThrow(/--server-time-zone/);
  });

  it('rejects bad numbers and unknown flags', () => {
    expect(() => parseCliArgs(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => parseCliArgs(['--bogus'], {})).toThrow();
  });
});

describe('cli process', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('prints its URL, serves signed calls, never prints the secret, and exits 0 on SIGTERM', async () => {
    const packageDir = fileURLToPath(new URL('..', import.meta.url));
    const secret = 'cliTestSecretValue';
    const spawned = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0'], {
      cwd: packageDir,
      env: { ...process.env, RONGCLOUD_APP_KEY: 'cliKey', RONGCLOUD_APP_SECRET: secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    let output = '';
    spawned.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    spawned.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 8000);
      spawned.stdout?.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const res = await callApi(url, '/group/create.json', 'userId=a&groupId=g&groupName=G', {
      appKey: 'cliKey',
      secret,
    });
    expect(res.body).toEqual({ code: 200 });
    const exitCode = new Promise<number | null>((resolve) => spawned.once('exit', resolve));
    spawned.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    expect(output).toContain('App-Key: cliKey');
    expect(output).toMatch(/POST \/group\/create\.json → 200 code 200/);
    expect(output).not.toContain(secret);
  }, 15_000);
});
