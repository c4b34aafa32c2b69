// CLI entry: `npm run emulator -- --port N` runs the emulator alone until SIGINT/SIGTERM.
import { CLI_USAGE, parseCliArgs } from './cli-args.ts';
import type { CallRecord } from './options.ts';
import { startEmulator } from './start-emulator.ts';

function formatCall(call: CallRecord): string {
  const outcome = call.httpStatus === 'dropped' ? 'dropped' : `${call.httpStatus} code ${call.code}`;
  return `${call.method} ${call.path} → ${outcome} (${call.durationMs} ms)`;
}

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (command.kind === 'help') {
    console.log(CLI_USAGE);
    return;
  }
  const { options } = command;
  if (!command.quiet) options.onCall = (call) => console.log(formatCall(call));
  const emulator = await startEmulator(options);
  console.log(`RongCloud emulator listening on ${emulator.url}`);
  console.log(`App-Key: ${options.appKey}${command.defaultKey ? ' (development default)' : ''}`);
  // The secret itself is never printed, only where it came from.
  console.log(`App Secret: ${command.defaultSecret ? 'development default (see --help)' : 'as configured'}`);
  const stop = (signal: string) => {
    console.log(`${signal} received, stopping`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
