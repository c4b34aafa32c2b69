// Before any load: the service and both baselines must give the same answer to the same read, otherwise the
// baselines would not be doing the service's work. Origins differ (each listens on its own port) and are masked.
// The service is asked alone first, so its time is that of one request on an idle machine; a database too slow to
// answer within the time limit leaves the endpoint unchecked (said so in the note).
import { ENDPOINTS } from './endpoints.ts';
import type { Fixtures } from './fixtures.ts';

export interface SmokeOutcome {
  endpoint: string;
  identical: boolean;
  /** One request to the service on an otherwise idle stack. */
  serviceMs: number | null;
  note: string;
}

export async function smokeCheck(
  serviceUrl: string,
  baselineUrls: string[],
  fixtures: Fixtures,
  timeoutMs = 10_000,
): Promise<SmokeOutcome[]> {
  const outcomes: SmokeOutcome[] = [];
  for (const endpoint of ENDPOINTS.filter((candidate) => candidate.inBaselines)) {
    const spec = endpoint.rest(fixtures, 1);
    const ask = async (url: string) => {
      const response = await fetch(url + spec.path, {
        method: spec.method,
        headers: spec.headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return `${response.status} ${(await response.text()).replaceAll(url, 'ORIGIN')}`;
    };
    const started = performance.now();
    try {
      const reference = await ask(serviceUrl);
      const serviceMs = Math.round(performance.now() - started);
      const others = await Promise.all(baselineUrls.map(ask));
      const identical = others.every((body) => body === reference);
      const note = identical
        ? reference.slice(0, 120)
        : [reference, ...others].map((b) => b.slice(0, 200)).join(' | ');
      outcomes.push({ endpoint: endpoint.name, identical, serviceMs, note });
    } catch (error) {
      outcomes.push({
        endpoint: endpoint.name,
        identical: false,
        serviceMs: null,
        note: `not compared: ${error}`,
      });
    }
  }
  return outcomes;
}
