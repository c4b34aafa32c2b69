// One HTTP request of the load, bounded by a timeout, turned into a sample: what was asked, when, and how it ended.

export type Operation =
  | 'create'
  | 'invite'
  | 'quit'
  | 'rename'
  | 'list'
  | 'retrieve'
  | 'members'
  | 'register'
  | 'probe';

/** An HTTP status, or how the request ended without one. */
export type Outcome = number | 'timeout' | 'refused' | 'closed';

export interface Sample {
  op: Operation;
  write: boolean;
  startedAt: number;
  endedAt: number;
  outcome: Outcome;
  /** The envelope's `code` of an error answer. */
  code?: string;
  retryAfter?: string;
}

export interface CallResult {
  sample: Sample;
  // biome-ignore lint/suspicious/noExplicitAny: the load reads a few fields of arbitrary answers
  body: any;
}

const WRITES = new Set<Operation>(['create', 'invite', 'quit', 'rename', 'register']);

export async function callApi(
  baseUrl: string,
  op: Operation,
  request: { method: string; path: string; auth?: { authorization: string }; body?: unknown },
  timeoutMs: number,
): Promise<CallResult> {
  const startedAt = Date.now();
  const sample = (outcome: Outcome, extra: Partial<Sample> = {}): Sample => ({
    op,
    write: WRITES.has(op),
    startedAt,
    endedAt: Date.now(),
    outcome,
    ...extra,
  });
  try {
    const res = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        ...request.auth,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const body: CallResult['body'] = parseJson(text);
    const retryAfter = res.headers.get('retry-after') ?? undefined;
    const extra =
      res.status >= 400 ? { code: String(body?.code), ...(retryAfter ? { retryAfter } : {}) } : {};
    return { sample: sample(res.status, extra), body };
  } catch (error) {
    return { sample: sample(failureOf(error)), body: undefined };
  }
}

// A body that is not JSON stays text, so an answer outside the envelope shows up as such in the assertions.
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function failureOf(error: unknown): Outcome {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return cause?.code === 'ECONNREFUSED' ? 'refused' : 'closed';
}

export const isSuccess = (sample: Sample) => typeof sample.outcome === 'number' && sample.outcome < 300;
