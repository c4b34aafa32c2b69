// Turns CLI flags and environment variables into EmulatorOptions (pure: the caller passes argv and env).
import { parseArgs } from 'node:util';
import { type EmulatorOptions, SERVER_TIME_ZONES, type ServerTimeZone } from './options.ts';

export const DEV_APP_KEY = 'dev-app-key';
export const DEV_APP_SECRET = 'dev-app-secret';

export const CLI_USAGE = `Usage: npm run emulator -- [options]

  --port N              port to listen on (default 0 = a free port)
  --host H              address to bind (default 127.0.0.1)
  --app-key K           App Key (env RONGCLOUD_APP_KEY, default "${DEV_APP_KEY}")
  --app-secret S        App Secret (env RONGCLOUD_APP_SECRET, default "${DEV_APP_SECRET}")
  --max-members N       members per group (default 3000)
  --strict-timestamps   reject stale timestamps, long nonces and reused nonces
  --server-time-zone Z  time zone of gag-list times: UTC+8 (China data centre, default) or UTC
  --quiet               do not log API calls
  --help                show this text`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'start'; options: EmulatorOptions; quiet: boolean; defaultKey: boolean; defaultSecret: boolean };

function readInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${flag} must be a non-negative integer`);
  return Number(value);
}

export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'app-key': { type: 'string' },
      'app-secret': { type: 'string' },
      'max-members': { type: 'string' },
      'strict-timestamps': { type: 'boolean' },
      'server-time-zone': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { kind: 'help' };
  const appKey = values['app-key'] || env.RONGCLOUD_APP_KEY || undefined;
  const appSecret = values['app-secret'] || env.RONGCLOUD_APP_SECRET || undefined;
  const options: EmulatorOptions = { appKey: appKey ?? DEV_APP_KEY, appSecret: appSecret ?? DEV_APP_SECRET };
  const port = readInteger('port', values.port);
  if (port !== undefined) options.port = port;
  if (values.host !== undefined) options.host = values.host;
  const maxMembers = readInteger('max-members', values['max-members']);
  if (maxMembers !== undefined) options.maxMembers = maxMembers;
  if (values['strict-timestamps']) options.strictTimestamps = true;
  const zone = values['server-time-zone'];
  if (zone !== undefined) {
    if (!(SERVER_TIME_ZONES as readonly string[]).includes(zone)) {
      throw new Error(`--server-time-zone must be one of ${SERVER_TIME_ZONES.join(', ')}`);
    }
    options.serverTimeZone = zone as ServerTimeZone;
  }
  return {
    kind: 'start',
    options,
    quiet: values.quiet ?? false,
    defaultKey: appKey === undefined,
    defaultSecret: appSecret === undefined,
  };
}
