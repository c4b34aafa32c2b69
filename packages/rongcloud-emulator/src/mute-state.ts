// Mute lists (§3.11, §3.16): gags per (group or everywhere, user) with an end, banned groups, ban whitelists.
// They are kept apart from groups on purpose: RongCloud keeps them across leave/re-join and dismiss/re-create.

/** The scope of a gag sent without a groupId: the user is muted in every group. Never a valid group id. */
export const EVERY_GROUP = '*';
/** At most this many users may be gagged in every group at once (§3.11). */
export const MAX_USERS_GAGGED_EVERYWHERE = 100;

export interface Gag {
  userId: string;
  /** Epoch ms of the gag call that set the current term. */
  startedAt: number;
  /** Epoch ms at which the gag ends by itself; null = until lifted (`minute` 0). */
  until: number | null;
}

export interface GroupMutesSnapshot {
  /** Active gags of this group (not those for every group), in the order first gagged; `until` ISO 8601 or null. */
  gagged: Array<{ userId: string; until: string | null }>;
  banned: boolean;
  /** In the order added. */
  whitelist: string[];
}

export type GagResult = 'ok' | 'over_capacity';

function isActive(gag: Gag, now: number): boolean {
  return gag.until === null || gag.until > now;
}

export class MuteLists {
  /** scope (a group id or EVERY_GROUP) → userId → gag. */
  private readonly gags = new Map<string, Map<string, Gag>>();
  /** Insertion order is ban order, which the paged ban query lists. */
  private readonly banned = new Set<string>();
  private readonly whitelists = new Map<string, Set<string>>();

  /** Active gags of a scope; an expired gag is dropped here, so it ends by itself without a timer. */
  gagsOf(scope: string, now: number): Gag[] {
    const byUser = this.gags.get(scope);
    if (!byUser) return [];
    for (const [userId, gag] of byUser) if (!isActive(gag, now)) byUser.delete(userId);
    if (byUser.size === 0) this.gags.delete(scope);
    return [...byUser.values()].map((gag) => ({ ...gag }));
  }

  /** A repeated gag sets a new term from `now`; all-or-nothing against the cap on gags for every group. */
  gag(scope: string, userIds: readonly string[], minutes: number, now: number): GagResult {
    const active = new Set(this.gagsOf(scope, now).map((gag) => gag.userId));
    const added = userIds.filter((userId) => !active.has(userId));
    if (scope === EVERY_GROUP && new Set([...active, ...added]).size > MAX_USERS_GAGGED_EVERYWHERE) {
      return 'over_capacity';
    }
    const byUser = this.gags.get(scope) ?? new Map<string, Gag>();
    const until = minutes === 0 ? null : now + minutes * 60_000;
    for (const userId of userIds) byUser.set(userId, { userId, startedAt: now, until });
    this.gags.set(scope, byUser);
    return 'ok';
  }

  /** Lifting a gag that does not exist is a no-op, like every other removal (§6). */
  ungag(scope: string, userIds: readonly string[]): void {
    const byUser = this.gags.get(scope);
    if (!byUser) return;
    for (const userId of userIds) byUser.delete(userId);
    if (byUser.size === 0) this.gags.delete(scope);
  }

  ban(groupIds: readonly string[]): void {
    for (const groupId of groupIds) this.banned.add(groupId);
  }

  unban(groupIds: readonly string[]): void {
    for (const groupId of groupIds) this.banned.delete(groupId);
  }

  isBanned(groupId: string): boolean {
    return this.banned.has(groupId);
  }

  /** Banned groups in ban order. */
  bannedGroups(): string[] {
    return [...this.banned];
  }

  addToWhitelist(groupId: string, userIds: readonly string[]): void {
    const whitelist = this.whitelists.get(groupId) ?? new Set<string>();
    for (const userId of userIds) whitelist.add(userId);
    this.whitelists.set(groupId, whitelist);
  }

  removeFromWhitelist(groupId: string, userIds: readonly string[]): void {
    const whitelist = this.whitelists.get(groupId);
    if (!whitelist) return;
    for (const userId of userIds) whitelist.delete(userId);
    if (whitelist.size === 0) this.whitelists.delete(groupId);
  }

  whitelistOf(groupId: string): string[] {
    return [...(this.whitelists.get(groupId) ?? [])];
  }

  snapshot(groupId: string, now: number): GroupMutesSnapshot {
    return {
      gagged: this.gagsOf(groupId, now).map((gag) => ({
        userId: gag.userId,
        until: gag.until === null ? null : new Date(gag.until).toISOString(),
      })),
      banned: this.isBanned(groupId),
      whitelist: this.whitelistOf(groupId),
    };
  }

  clear(): void {
    this.gags.clear();
    this.banned.clear();
    this.whitelists.clear();
  }
}
