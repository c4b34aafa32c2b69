// Runs a command (the embedded FerretDB) for as long as the process that started us lives: `node supervise.mjs
// <command> [args…]` with our stdin a pipe from that parent. Node has no parent-death signal (Linux's prctl), so
// the pipe stands in for one: when the parent exits — cleanly, by a crash or by SIGKILL — the kernel closes its end
// and our stdin ends; we then stop the command. Plain JavaScript, so it starts without tsx.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  // A command that ignores SIGTERM is not left behind either.
  setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
}

process.stdin.on('end', () => stop('SIGTERM'));
process.stdin.on('error', () => stop('SIGTERM'));
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal));

child.on('error', (error) => {
  console.error(`cannot start ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
