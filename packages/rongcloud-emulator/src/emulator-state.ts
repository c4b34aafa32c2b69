// In-memory RongCloud data: users (profile + issued tokens), groups (name + member set), mute lists, call counts.
import { randomBytes } from 'node:crypto';
import { API_ENDPOINTS } from './endpoints.ts';
import { type GroupMutesSnapshot, MuteLists } from './mute-state.ts';

export interface GroupSnapshot {
  id: string;
  name: string;
  /** In join order. */
  members: string[];
}

export interface UserSnapshot {
  id: string;
  name: string;
  portraitUri: string;
  tokenCount: number;
  /** Every token issued, oldest first; all stay valid (§3.1). */
  tokens: string[];
}

/** A message published to a group (§3.14), as the inspection API shows it. */
export interface GroupMessage {
  fromUserId: string;
  objectName: string;
  /** The content parsed from its JSON text. */
  content: unknown;
  /** The recipients of a directed message; null when the whole group receives it. */
  toUserIds: string[] | null;
}

export interface CallCount {
  ok: number;
  failed: number;
}

export type CallCounts = Record<string, CallCount>;

export interface GroupRef {
  id: string;
  name: string;
}

/** Read access for tests; the emulator alone mutates it. */
export interface EmulatorState {
  getGroup(groupId: string): GroupSnapshot | undefined;
  listGroups(): GroupSnapshot[];
  /** Gags, ban and whitelist held for a group id, whether or not the group exists (they outlive it, §3.11). */
  getGroupMutes(groupId: string, now?: number): GroupMutesSnapshot;
  getUser(userId: string): UserSnapshot | undefined;
  listUsers(): UserSnapshot[];
  /** Every message published to the group, oldest first; kept after the group is dismissed. */
  getMessages(groupId: string): GroupMessage[];
  /** Every endpoint, including those never called (`{ok: 0, failed: 0}`). */
  getCalls(): CallCounts;
}

interface GroupRecord {
  name: string;
  members: Set<string>;
}

interface UserRecord {
  name: string;
  portraitUri: string;
  tokens: string[];
}

export type MembershipResult = 'ok' | 'over_capacity';

function createToken(): string {
  // Shaped like real tokens: base64 (with + / =) and an `@…;…` navigation suffix, so clients must treat it as opaque.
  return `${randomBytes(32).toString('base64')}@emulator.local;emulator.local`;
}

export class InMemoryState implements EmulatorState {
  private readonly groups = new Map<string, GroupRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly calls = new Map<string, CallCount>();
  /** Not tied to `groups`: a chat's history outlives a dismissal (§3.6). */
  private readonly messages = new Map<string, GroupMessage[]>();
  /** Not tied to `groups`: dismissing a group leaves its mute lists in place. */
  readonly mutes = new MuteLists();

  getGroup(groupId: string): GroupSnapshot | undefined {
    const group = this.groups.get(groupId);
    return group && { id: groupId, name: group.name, members: [...group.members] };
  }

  listGroups(): GroupSnapshot[] {
    return [...this.groups.keys()].map((id) => this.getGroup(id)!);
  }

  getGroupMutes(groupId: string, now: number = Date.now()): GroupMutesSnapshot {
    return this.mutes.snapshot(groupId, now);
  }

  getUser(userId: string): UserSnapshot | undefined {
    const user = this.users.get(userId);
    return (
      user && {
        id: userId,
        name: user.name,
        portraitUri: user.portraitUri,
        tokenCount: user.tokens.length,
        tokens: [...user.tokens],
      }
    );
  }

  listUsers(): UserSnapshot[] {
    return [...this.users.keys()].map((id) => this.getUser(id)!);
  }

  getMessages(groupId: string): GroupMessage[] {
    return (this.messages.get(groupId) ?? []).map((message) => ({ ...message }));
  }

  recordMessage(groupId: string, message: GroupMessage): void {
    const list = this.messages.get(groupId) ?? [];
    list.push(message);
    this.messages.set(groupId, list);
  }

  getCalls(): CallCounts {
    const counts: CallCounts = {};
    for (const endpoint of API_ENDPOINTS)
      counts[endpoint] = { ...(this.calls.get(endpoint) ?? { ok: 0, failed: 0 }) };
    return counts;
  }

  recordCall(endpoint: string, ok: boolean): void {
    const count = this.calls.get(endpoint) ?? { ok: 0, failed: 0 };
    if (ok) count.ok += 1;
    else count.failed += 1;
    this.calls.set(endpoint, count);
  }

  /** getToken: stores name (and portrait when sent) and issues a new token; earlier tokens stay valid. */
  issueToken(userId: string, name: string, portraitUri: string | undefined): string {
    const user = this.users.get(userId) ?? { name, portraitUri: '', tokens: [] };
    user.name = name;
    if (portraitUri !== undefined) user.portraitUri = portraitUri;
    const token = createToken();
    user.tokens.push(token);
    this.users.set(userId, user);
    return token;
  }

  /** Returns false for a user that never got a token. */
  updateUser(
    userId: string,
    changes: { name?: string | undefined; portraitUri?: string | undefined },
  ): boolean {
    const user = this.users.get(userId);
    if (!user) return false;
    if (changes.name !== undefined) user.name = changes.name;
    if (changes.portraitUri !== undefined) user.portraitUri = changes.portraitUri;
    return true;
  }

  /** create ≡ join (§6): adds whoever is missing, creating the group; all-or-nothing against the member cap. */
  addMembers(
    groupId: string,
    userIds: readonly string[],
    name: string | undefined,
    maxMembers: number,
  ): MembershipResult {
    const group = this.groups.get(groupId);
    const current = group?.members ?? new Set<string>();
    const added = new Set(userIds.filter((userId) => !current.has(userId)));
    if (current.size + added.size > maxMembers) return 'over_capacity';
    if (!group) {
      this.groups.set(groupId, { name: name ?? '', members: added });
      return 'ok';
    }
    for (const userId of added) group.members.add(userId);
    if (name !== undefined) group.name = name;
    return 'ok';
  }

  /** Quitting is a no-op for non-members and unknown groups (§6); an emptied group keeps existing. */
  removeMembers(groupId: string, userIds: readonly string[]): void {
    const group = this.groups.get(groupId);
    if (!group) return;
    for (const userId of userIds) group.members.delete(userId);
  }

  /** Deletes members and name only; gags, ban and whitelist stay for a re-create (§3.6, §9.5). */
  dismissGroup(groupId: string): void {
    this.groups.delete(groupId);
  }

  /** Renaming an unknown group succeeds without creating it (§6). */
  renameGroup(groupId: string, name: string): void {
    const group = this.groups.get(groupId);
    if (group) group.name = name;
  }

  /** Replaces the user's memberships with `groups` (§3.9), creating unknown groups and refreshing names. */
  syncUserGroups(userId: string, groups: readonly GroupRef[], maxMembers: number): MembershipResult {
    const wanted = new Map(groups.map((group) => [group.id, group.name]));
    for (const groupId of wanted.keys()) {
      const members = this.groups.get(groupId)?.members;
      if (members && !members.has(userId) && members.size + 1 > maxMembers) return 'over_capacity';
      if (!members && maxMembers < 1) return 'over_capacity';
    }
    for (const [groupId, group] of this.groups) {
      if (!wanted.has(groupId)) group.members.delete(userId);
    }
    for (const [groupId, name] of wanted) {
      const group = this.groups.get(groupId);
      if (group) {
        group.members.add(userId);
        group.name = name;
      } else {
        this.groups.set(groupId, { name, members: new Set([userId]) });
      }
    }
    return 'ok';
  }

  /** The user's groups in group creation order. */
  groupsOf(userId: string): GroupRef[] {
    const result: GroupRef[] = [];
    for (const [id, group] of this.groups) {
      if (group.members.has(userId)) result.push({ id, name: group.name });
    }
    return result;
  }

  membersOf(groupId: string): string[] {
    return [...(this.groups.get(groupId)?.members ?? [])];
  }

  clear(): void {
    this.groups.clear();
    this.users.clear();
    this.calls.clear();
    this.mutes.clear();
    this.messages.clear();
  }
}
