// Prometheus metrics (prom-client): request durations by route and status, RongCloud calls by outcome, targets out
// of step with RongCloud, database errors, and the process defaults (memory, CPU, event loop lag).
import { type CoreDeps, countOutOfStep } from '@groupchat/core';
import { type Database, onCommand } from '@groupchat/db';
import type { RequestHandler, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** How many series the registry holds (a bound on what clients can make it grow to). */
  seriesCount(): Promise<number>;
  /** Times every request; register before the routes. */
  timeRequests: RequestHandler;
  countDatabaseError(): void;
  /** Wraps fetch for the RongCloud client, counting each call by endpoint and outcome. */
  countingFetch(inner?: typeof fetch): typeof fetch;
  /** Reads the out-of-step gauge from this database at scrape time. */
  watchOutOfStep(deps: CoreDeps): void;
  /** Counts the commands sent on this connection (opened with `monitorCommands`), by name and collection. */
  countCommands(db: Database): void;
}

export function createMetrics(procedureNames: Iterable<string> = []): Metrics {
  const procedures = new Set(procedureNames);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const rongCloudCalls = new Counter({
    name: 'rongcloud_calls_total',
    help: 'Calls to the RongCloud server API by endpoint and outcome',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [registry],
  });
  const databaseErrors = new Counter({
    name: 'database_errors_total',
    help: 'Requests that failed because the database could not be reached',
    registers: [registry],
  });
  const databaseCommands = new Counter({
    name: 'db_commands_total',
    help: 'Commands sent to the database by name and collection (with DB_COMMAND_METRICS)',
    labelNames: ['command', 'collection'] as const,
    registers: [registry],
  });
  let outOfStepSource: CoreDeps | undefined;
  new Gauge({
    name: 'rongcloud_out_of_step',
    help: 'Groups and users whose RongCloud copy awaits a repair',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      if (!outOfStepSource) return;
      const counts = await countOutOfStep(outOfStepSource).catch(() => undefined);
      if (!counts) return;
      this.set({ kind: 'group' }, counts.groups);
      this.set({ kind: 'user' }, counts.users);
      noticesWaiting.set(counts.notices);
    },
  });
  const noticesWaiting = new Gauge({
    name: 'rongcloud_notices_waiting',
    help: 'In-chat notices committed but not yet sent to RongCloud',
    registers: [registry],
  });

  return {
    registry,
    seriesCount: async () =>
      (await registry.getMetricsAsJSON()).reduce((sum, metric) => sum + metric.values.length, 0),
    timeRequests: (req, res, next) => {
      const stop = requestDuration.startTimer();
      res.once('finish', () =>
        stop({ method: methodLabel(req.method), route: routeOf(res, procedures), status: res.statusCode }),
      );
      next();
    },
    countDatabaseError: () => databaseErrors.inc(),
    countingFetch: (inner = fetch) =>
      (async (input, init) => {
        const endpoint = new URL(String(input)).pathname;
        try {
          const response = await inner(input, init);
          rongCloudCalls.inc({ endpoint, outcome: response.ok ? 'http_2xx' : `http_${response.status}` });
          return response;
        } catch (error) {
          rongCloudCalls.inc({
            endpoint,
            outcome: (error as Error).name === 'AbortError' ? 'timeout' : 'network_error',
          });
          throw error;
        }
      }) as typeof fetch,
    watchOutOfStep: (deps) => {
      outOfStepSource = deps;
    },
    countCommands: (db) => {
      onCommand(db.connection, (command) =>
        databaseCommands.inc({ command: command.name, collection: command.collection }),
      );
    },
  };
}

/** Where a handler records the template of the route it served (e.g. `/api/im/group/{id}/kick`), for the label. */
export function setRoute(res: Response, route: string): void {
  res.locals.route = route;
}

// Only what the service itself defines becomes a label: the template of the route that served the request (set by
// its handler with setRoute), the names of known tRPC procedures, or one `unmatched`. Nothing a client sends is
// copied, so however many distinct paths arrive, the series stay as many as the routes (a label per path once let
// 1,200 requests exhaust the heap).
export function routeOf(res: Response, procedures: ReadonlySet<string>): string {
  const route = res.locals.route;
  if (typeof route === 'string') return route;
  const trpc = res.req.originalUrl.split('?')[0]!.match(/^\/trpc\/([^/]+)$/);
  if (trpc) {
    // A batch names several procedures separated by commas; label it by the set only when each is known.
    const names = trpc[1]!.split(',');
    if (names.length === 1 && procedures.has(names[0]!)) return `/trpc/${names[0]}`;
    if (names.every((name) => procedures.has(name))) return '/trpc/{batch}';
  }
  return 'unmatched';
}

// Node's parser accepts only methods it knows, but that list is long (WebDAV, RTSP-like …); keep the usual ones.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const methodLabel = (method: string) => (METHODS.has(method) ? method : 'other');
