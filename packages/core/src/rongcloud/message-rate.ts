// This instance's share of RongCloud's 20 group messages a second per app: a token bucket. Losing it in a restart
// loses nothing (it only spaces calls out); RongCloud's own 429/1008 answers remain the last word, and a sender
// that gets one backs off through the lease (docs/rongcloud.md).
export interface MessageRate {
  /** Waits for `count` tokens; rejects when `signal` aborts first. */
  take(count: number, signal: AbortSignal): Promise<void>;
}

export function createMessageRate(perSecond: number): MessageRate {
  let tokens = perSecond;
  let refilledAt = Date.now();
  // Callers wait in line, so a burst is spread out in arrival order.
  let queue: Promise<void> = Promise.resolve();
  const refill = () => {
    const now = Date.now();
    tokens = Math.min(perSecond, tokens + ((now - refilledAt) / 1000) * perSecond);
    refilledAt = now;
  };
  const takeNow = async (count: number, signal: AbortSignal) => {
    for (;;) {
      signal.throwIfAborted();
      refill();
      if (tokens >= Math.min(count, perSecond)) {
        tokens -= count;
        return;
      }
      const waitMs = Math.ceil(((Math.min(count, perSecond) - tokens) / perSecond) * 1000);
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
    }
  };
  return {
    take(count, signal) {
      const turn = queue.then(() => takeNow(count, signal));
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
