// Every test file of this package runs with this (vitest setupFiles): each answer a test receives from the REST API
// through fetch is checked against openapi.json (conformance.ts), and a test whose answers contradict the document
// fails, naming the operation and status. Answers are checked as they arrive, off the test's own path, so that a
// test reading a body slowly or not at all behaves as it would without the check.
import { afterEach } from 'vitest';
import { createConformanceCheck } from './conformance.ts';

const check = createConformanceCheck();
const pending: Promise<void>[] = [];
const failures: string[] = [];
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await originalFetch(input, init);
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request?.url ?? String(input));
  if (LOCAL_HOSTS.has(url.hostname) && url.pathname.startsWith('/api/')) {
    const method = init?.method ?? request?.method ?? 'GET';
    const copy = response.clone();
    pending.push(
      copy.text().then(
        (body) => {
          const failure = check({
            method,
            path: url.pathname,
            status: response.status,
            contentType: response.headers.get('content-type'),
            body,
          });
          if (failure) failures.push(failure);
        },
        // A body the test aborted or the server cut is no answer to judge.
        () => undefined,
      ),
    );
  }
  return response;
};

afterEach(async () => {
  await Promise.all(pending.splice(0));
  const found = failures.splice(0);
  if (found.length > 0) {
    throw new Error(`answers that contradict openapi.json:\n${[...new Set(found)].join('\n')}`);
  }
});
