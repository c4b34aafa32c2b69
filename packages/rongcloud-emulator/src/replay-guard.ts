// Strict mode only: remembers (nonce, timestamp) pairs until they fall out of the tolerance window.

export class ReplayGuard {
  /** Insertion order is expiry order, because every entry lives for the same tolerance. */
  private readonly seen = new Map<string, number>();

  /** Returns false when the pair was already used; otherwise records it until `expiresAt`. */
  remember(key: string, expiresAt: number, now: number): boolean {
    for (const [seenKey, seenExpiry] of this.seen) {
      if (seenExpiry > now) break;
      this.seen.delete(seenKey);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, expiresAt);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}
