// Public API of @groupchat/processes: loopback ports and child processes, for whatever starts servers of its own
// (the embedded database, the benchmark, the resilience tests).
export { canConnect, findFreePort } from './ports.ts';
export { type ServerProcess, type ServerProcessOptions, startServerProcess } from './start-server-process.ts';
export { stopProcess } from './stop-process.ts';
