// Active injected faults: per-endpoint rules consumed call by call, plus an "unreachable until" deadline.
import type { FaultRule, ParsedFault } from './fault-spec.ts';

export type FaultFailure =
  | { kind: 'fail'; httpStatus: number; code: number; errorMessage: string; afterApply: boolean }
  | { kind: 'drop'; afterApply: boolean };

/** What the next call to an endpoint must suffer. */
export interface FaultPlan {
  latencyMs: number;
  failure: FaultFailure | undefined;
}

export class FaultStore {
  private rules: FaultRule[] = [];
  private downUntil = 0;

  add(fault: ParsedFault, now: number): void {
    if (fault.kind === 'down') {
      this.downUntil = Math.max(this.downUntil, now + fault.downForMs);
      return;
    }
    this.rules.push({ ...fault });
  }

  isDown(now: number): boolean {
    return now < this.downUntil;
  }

  /** Active rules and the down deadline, for `GET /_emulator/faults`. */
  describe(now: number): { rules: FaultRule[]; downForMs: number } {
    return { rules: this.rules.map((rule) => ({ ...rule })), downForMs: Math.max(0, this.downUntil - now) };
  }

  /**
   * Consumes one use of every matching latency rule (their delays add up) and of the first matching
   * fail/drop rule, in the order they were added.
   */
  takePlan(endpoint: string): FaultPlan {
    let latencyMs = 0;
    let failure: FaultFailure | undefined;
    for (const rule of this.rules) {
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.kind === 'latency') {
        latencyMs += rule.latencyMs;
      } else if (failure === undefined) {
        failure =
          rule.kind === 'drop'
            ? { kind: 'drop', afterApply: rule.afterApply }
            : {
                kind: 'fail',
                httpStatus: rule.httpStatus,
                code: rule.code,
                errorMessage: rule.errorMessage,
                afterApply: rule.afterApply,
              };
      } else {
        continue;
      }
      if (rule.remaining !== null) rule.remaining -= 1;
    }
    this.rules = this.rules.filter((rule) => rule.remaining === null || rule.remaining > 0);
    return { latencyMs, failure };
  }

  clear(): void {
    this.rules = [];
    this.downUntil = 0;
  }
}
