// This instance's share of RongCloud's 20 group messages a second per app: messages are spaced evenly, 1/rate
// apart, so no second holds more than the share (plus one), whenever RongCloud's window starts. Losing the pace in
// a restart loses nothing; RongCloud's own 429/1008 answers remain the last word, and a sender that still gets one
// after the client's retries backs off through the lease (docs/rongcloud.md).
export interface MessageRate {
  /** Waits for the turn of `count` messages; rejects when `signal` aborts first. */
  take(count: number, signal: AbortSignal): Promise<void>;
}

export function createMessageRate(perSecond: number): MessageRate {
  const spacingMs = 1000 / perSecond;
  // The earliest time the next message may go; callers reserve their slots in arrival order.
  let nextAt = 0;
  return {
    async take(count, signal) {
      signal.throwIfAborted();
      const now = Date.now();
      const startAt = Math.max(now, nextAt);
      nextAt = startAt + count * spacingMs;
      const waitMs = startAt - now;
      if (waitMs <= 0) return;
      await new Promise<void>((resolve, reject) => {
        const abort = () => {
          clearTimeout(timer);
          reject(signal.reason);
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', abort);
          resolve();
        }, waitMs);
        signal.addEventListener('abort', abort, { once: true });
      });
    },
  };
}
