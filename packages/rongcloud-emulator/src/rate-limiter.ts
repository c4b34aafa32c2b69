// Fixed-window call counter per App Key and endpoint; the window opens at the first call after the last one closed.

interface Window {
  startedAt: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly windowMs: number;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** Counts the call (as `weight` calls) and returns true when it fits within `limit` of the current window. */
  tryAcquire(key: string, limit: number, now: number, weight = 1): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count + weight > limit) return false;
    window.count += weight;
    return true;
  }

  clear(): void {
    this.windows.clear();
  }
}
