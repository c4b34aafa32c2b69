// The load worker: a child process that runs autocannon for the orchestrator. It keeps one request counter per
// endpoint across runs, so every join and quit takes a pool entry no earlier run used.
import autocannon from 'autocannon';
import {
  buildRequest,
  ENDPOINTS,
  type EndpointDefinition,
  type HttpRequestSpec,
  type Transport,
} from './endpoints.ts';
import type { Fixtures } from './fixtures.ts';
import type { FromWorker, LoadResult, RunRequest, ToWorker } from './load-protocol.ts';

let fixtures: Fixtures | undefined;
const counters = new Map<string, number>();

const send = (message: FromWorker) => process.send?.(message);

process.on('message', (message: ToWorker) => {
  if (message.type === 'fixtures') {
    fixtures = message.fixtures;
    send({ type: 'ready' });
    return;
  }
  runLoad(message.run).then(
    (result) => send({ type: 'result', id: message.id, result }),
    (error: unknown) => send({ type: 'failed', id: message.id, message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));

interface Pick {
  endpoint: EndpointDefinition;
  transport: Transport;
}

// REST answers a create with 201 (docs/api.md, create); tRPC answers every successful call with 200.
const expectedStatus = ({ endpoint, transport }: Pick) => (transport === 'trpc' ? 200 : endpoint.status);

function runLoad(run: RunRequest): Promise<LoadResult> {
  if (!fixtures) throw new Error('fixtures not received');
  const data = fixtures;
  const rotation = rotationFor(run);
  let turn = 0;
  let poolExhausted = false;
  const nextSpec = (): HttpRequestSpec => {
    const { endpoint, transport } = rotation[turn++ % rotation.length]!;
    const count = counters.get(endpoint.name) ?? 0;
    counters.set(endpoint.name, count + 1);
    const pool = endpoint.poolSize?.(data);
    if (pool !== undefined && count >= pool) poolExhausted = true;
    return buildRequest(endpoint, transport, data, count);
  };
  const expectedStatuses = new Set(rotation.map(expectedStatus));
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: run.baseUrl,
        connections: run.connections,
        duration: run.durationSeconds,
        timeout: run.timeoutSeconds,
        requests: [
          {
            setupRequest: (request) => {
              const spec = nextSpec();
              return {
                ...request,
                method: spec.method,
                path: spec.path,
                headers: spec.headers,
                body: spec.body,
              };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const statusCodes = Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0]),
        );
        const ok = Object.entries(statusCodes)
          .filter(([code]) => expectedStatuses.has(Number(code)))
          .reduce((sum, [, count]) => sum + count, 0);
        const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
        resolve({
          requestsPerSecond: ok / result.duration,
          latencyMs: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
            mean: result.latency.mean,
          },
          sent: result.requests.sent,
          ok,
          errors: responses - ok + result.errors,
          timeouts: result.timeouts,
          statusCodes,
          durationSeconds: result.duration,
          poolExhausted,
        });
      },
    );
  });
}

function rotationFor(run: RunRequest): Pick[] {
  if (run.endpoint !== 'readMix') {
    const endpoint = ENDPOINTS.find((candidate) => candidate.name === run.endpoint);
    if (!endpoint) throw new Error(`unknown endpoint ${run.endpoint}`);
    return [{ endpoint, transport: run.transport }];
  }
  return ENDPOINTS.filter((endpoint) => endpoint.kind === 'read').flatMap((endpoint): Pick[] => [
    { endpoint, transport: 'rest' },
    ...(endpoint.procedure ? [{ endpoint, transport: 'trpc' as const }] : []),
  ]);
}
