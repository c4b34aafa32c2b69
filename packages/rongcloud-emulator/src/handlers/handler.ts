// The shape shared by every API endpoint handler: parsed form in, success body out, ApiError thrown otherwise.
import type { InMemoryState } from '../emulator-state.ts';
import type { ServerTimeZone } from '../options.ts';

export interface HandlerContext {
  state: InMemoryState;
  maxMembers: number;
  /** The call's arrival time (epoch ms): gags start and expire against it. */
  now: number;
  serverTimeZone: ServerTimeZone;
}

export type SuccessBody = { code: 200 } & Record<string, unknown>;

export type ApiHandler = (params: URLSearchParams, context: HandlerContext) => SuccessBody;
