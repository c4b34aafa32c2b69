// startEmulator: binds the HTTP server and wires control and API routes to one emulator context.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EmulatorContext, resetContext } from './emulator-context.ts';
import { type EmulatorState, InMemoryState } from './emulator-state.ts';
import { type FaultSpec, parseFaultSpec } from './fault-spec.ts';
import { FaultStore } from './fault-store.ts';
import { handleApiRequest } from './handle-api-request.ts';
import { CONTROL_PREFIX, handleControlRequest } from './handle-control-request.ts';
import { type EmulatorOptions, resolveOptions } from './options.ts';
import { RateLimiter } from './rate-limiter.ts';
import { ReplayGuard } from './replay-guard.ts';
import { sendJson } from './send-json.ts';

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:PORT — pass as the RongCloud base URL. */
  url: string;
  /** Read access to groups, users and call counts. */
  state: EmulatorState;
  /** Same as `POST /_emulator/faults`; throws a FaultSpecError on an invalid spec. */
  addFault(fault: FaultSpec): void;
  /** Same as `DELETE /_emulator/faults`. */
  clearFaults(): void;
  /** Same as `POST /_emulator/reset`. */
  reset(): void;
  close(): Promise<void>;
}

function formatUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

async function route(req: IncomingMessage, res: ServerResponse, context: EmulatorContext): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
  if (path.startsWith(CONTROL_PREFIX)) await handleControlRequest(req, res, path, context);
  else await handleApiRequest(req, res, path, context);
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const closing = new AbortController();
  const context: EmulatorContext = {
    options: resolved,
    state: new InMemoryState(),
    faults: new FaultStore(),
    rateLimiter: new RateLimiter(resolved.rateLimitWindowMs),
    replayGuard: new ReplayGuard(),
    closing: closing.signal,
  };
  const server = createServer((req, res) => {
    route(req, res, context).catch(() => {
      sendJson(res, 500, { code: 1000, errorMessage: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closed: Promise<void> | undefined;
  return {
    url: formatUrl(server.address() as AddressInfo),
    state: context.state,
    addFault: (fault) => context.faults.add(parseFaultSpec(fault), Date.now()),
    clearFaults: () => context.faults.clear(),
    reset: () => resetContext(context),
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
