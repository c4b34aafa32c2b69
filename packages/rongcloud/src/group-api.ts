// Basic group endpoints (§3.3–§3.9): membership changes split over the 1000-userId cap, rename, query, sync;
// the mute endpoints (§3.11) come from group-mute-api.ts.
import { type FormField, repeatField } from './encode-form.ts';
import { createGroupMuteApi } from './group-mute-api.ts';
import { type RongCloudTransport, unexpectedBody } from './http.ts';
import { splitIds, uniqueIds } from './split-ids.ts';
import type { CallOptions, RongCloudGroupApi, RongCloudServerTimeZone } from './types.ts';
import { assertArray, assertId, assertIdList, assertName, assertUniqueIds } from './validate-input.ts';

const CREATE = '/group/create.json';
const JOIN = '/group/join.json';
const QUIT = '/group/quit.json';
const DISMISS = '/group/dismiss.json';
const REFRESH = '/group/refresh.json';
const QUERY_MEMBERS = '/group/user/query.json';
const SYNC = '/group/sync.json';

// Every group call is idempotent (§6), so when a later chunk fails the caller can replay the whole call.
export function createGroupApi(
  transport: RongCloudTransport,
  serverTimeZone: RongCloudServerTimeZone,
): RongCloudGroupApi {
  async function joinChunks(
    groupId: string,
    groupName: string | undefined,
    chunks: readonly string[][],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    for (const chunk of chunks) {
      const fields: FormField[] = [...repeatField('userId', chunk), ['groupId', groupId]];
      if (groupName !== undefined) fields.push(['groupName', groupName]);
      await transport.post(JOIN, fields, signal);
    }
  }

  return {
    ...createGroupMuteApi(transport, serverTimeZone),

    async create(input, opts?: CallOptions) {
      assertId(CREATE, 'groupId', input.groupId);
      assertName(CREATE, 'groupName', input.groupName);
      assertIdList(CREATE, 'userIds', input.userIds);
      const [first = [], ...rest] = splitIds(uniqueIds(input.userIds));
      await transport.post(
        CREATE,
        [...repeatField('userId', first), ['groupId', input.groupId], ['groupName', input.groupName]],
        opts?.signal,
      );
      // create already set the name; later chunks only add members.
      await joinChunks(input.groupId, undefined, rest, opts?.signal);
    },

    async join(input, opts?: CallOptions) {
      assertId(JOIN, 'groupId', input.groupId);
      if (input.groupName !== undefined) assertName(JOIN, 'groupName', input.groupName);
      assertIdList(JOIN, 'userIds', input.userIds);
      await joinChunks(input.groupId, input.groupName, splitIds(uniqueIds(input.userIds)), opts?.signal);
    },

    async quit(input, opts?: CallOptions) {
      assertId(QUIT, 'groupId', input.groupId);
      assertIdList(QUIT, 'userIds', input.userIds);
      for (const chunk of splitIds(uniqueIds(input.userIds))) {
        await transport.post(
          QUIT,
          [...repeatField('userId', chunk), ['groupId', input.groupId]],
          opts?.signal,
        );
      }
    },

    async dismiss(input, opts?: CallOptions) {
      assertId(DISMISS, 'groupId', input.groupId);
      assertId(DISMISS, 'userId', input.userId);
      await transport.post(
        DISMISS,
        [
          ['userId', input.userId],
          ['groupId', input.groupId],
        ],
        opts?.signal,
      );
    },

    async refresh(input, opts?: CallOptions) {
      assertId(REFRESH, 'groupId', input.groupId);
      assertName(REFRESH, 'groupName', input.groupName);
      await transport.post(
        REFRESH,
        [
          ['groupId', input.groupId],
          ['groupName', input.groupName],
        ],
        opts?.signal,
      );
    },

    async queryMembers(input, opts?: CallOptions) {
      assertId(QUERY_MEMBERS, 'groupId', input.groupId);
      const answer = await transport.post(QUERY_MEMBERS, [['groupId', input.groupId]], opts?.signal);
      const { users } = answer.body;
      // An absent list is read as "no members": the docs leave unknown groups unspecified.
      if (users === undefined) return [];
      if (!Array.isArray(users)) throw unexpectedBody(answer, 'users is not an array');
      return users.map((user: unknown) => {
        if (typeof user !== 'object' || user === null || !('id' in user) || typeof user.id !== 'string') {
          throw unexpectedBody(answer, 'a user has no string id');
        }
        return user.id;
      });
    },

    async sync(input, opts?: CallOptions) {
      assertId(SYNC, 'userId', input.userId);
      assertArray(SYNC, 'groups', input.groups);
      for (const group of input.groups) {
        assertId(SYNC, 'group id', group.id);
        assertName(SYNC, 'group name', group.name);
      }
      assertUniqueIds(
        SYNC,
        'groups',
        input.groups.map((group) => group.id),
      );
      // An empty list is meaningful: it removes all of the user's group bindings (§3.9).
      const fields: FormField[] = [
        ['userId', input.userId],
        ...input.groups.map((group): FormField => [`group[${group.id}]`, group.name]),
      ];
      await transport.post(SYNC, fields, opts?.signal);
    },
  };
}
