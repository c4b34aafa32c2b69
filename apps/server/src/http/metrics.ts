// Prometheus metrics (prom-client): request durations by route and status, RongCloud calls by outcome, targets out
// of step with RongCloud, database errors, and the process defaults (memory, CPU, event loop lag).
import { type CoreDeps, countOutOfStep } from '@groupchat/core';
import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Times every request; register before the routes. */
  timeRequests: RequestHandler;
  countDatabaseError(): void;
  /** Wraps fetch for the RongCloud client, counting each call by endpoint and outcome. */
  countingFetch(inner?: typeof fetch): typeof fetch;
  /** Reads the out-of-step gauge from this database at scrape time. */
  watchOutOfStep(deps: CoreDeps): void;
}

export function createMetrics(): Metrics {
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
    },
  });

  return {
    registry,
    timeRequests: (req, res, next) => {
      const stop = requestDuration.startTimer();
      res.once('finish', () =>
        stop({ method: req.method, route: routeOf(req.originalUrl, res.statusCode), status: res.statusCode }),
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
  };
}

// Ids become {id} and unknown paths one label, so a client cannot create unbounded label values.
export function routeOf(url: string, status: number): string {
  const path = url.split('?')[0]!.replace(/\/+$/, '');
  if (status === 404 && !/^\/api\/im\/(retrieve|group)\/\d+/.test(path)) return 'unmatched';
  if (path.startsWith('/media/')) return '/media';
  if (path.startsWith('/docs')) return '/docs';
  if (path.startsWith('/trpc/')) return path.length < 80 ? path : 'unmatched';
  return path.replace(/\/\d+(?=\/|$)/g, '/{id}') || '/';
}
