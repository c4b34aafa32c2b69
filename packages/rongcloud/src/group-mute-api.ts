// Group mute endpoints (§3.11): member gags, whole-group mute ("ban") and its whitelist, 20 ids a call.
import { type FormField, repeatField } from './encode-form.ts';
import { type RongCloudAnswer, type RongCloudTransport, unexpectedBody } from './http.ts';
import { parseServerTime } from './server-time.ts';
import { MAX_MUTE_IDS_PER_CALL, splitIds, uniqueIds } from './split-ids.ts';
import type {
  CallOptions,
  RongCloudGaggedMember,
  RongCloudGroupApi,
  RongCloudGroupMuteState,
  RongCloudServerTimeZone,
} from './types.ts';
import { assertGagMinutes, assertId, assertIdList, MAX_GAG_MINUTES } from './validate-input.ts';

const GAG_ADD = '/group/user/gag/add.json';
const GAG_ROLLBACK = '/group/user/gag/rollback.json';
const GAG_LIST = '/group/user/gag/list.json';
const BAN_ADD = '/group/ban/add.json';
const BAN_ROLLBACK = '/group/ban/rollback.json';
const BAN_QUERY = '/group/ban/query.json';
const WHITELIST_ADD = '/group/user/ban/whitelist/add.json';
const WHITELIST_ROLLBACK = '/group/user/ban/whitelist/rollback.json';
const WHITELIST_QUERY = '/group/user/ban/whitelist/query.json';

/** MySQL's "no date"; one of the shapes a permanent gag's `time` might take, since RongCloud does not say. */
const ZERO_DATE = '0000-00-00 00:00:00';
/** A timed gag lasts at most 43200 minutes; a minute's slack covers the seconds the two times are cut to. */
const LONGEST_TIMED_GAG_MS = (MAX_GAG_MINUTES + 1) * 60_000;

export type RongCloudGroupMuteApi = Pick<
  RongCloudGroupApi,
  | 'gagMembers'
  | 'ungagMembers'
  | 'listGagged'
  | 'muteAll'
  | 'unmuteAll'
  | 'queryMuteAll'
  | 'addToMuteWhitelist'
  | 'removeFromMuteWhitelist'
  | 'queryMuteWhitelist'
>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How RongCloud lists a permanent gag is unconfirmed (§3.16), so every shape that cannot be a timed gag's end
 * reads as "until lifted": no `time`, an empty or zero date, or an end further from `startTime` than 30 days.
 */
function readGagEnd(
  answer: RongCloudAnswer,
  entry: Record<string, unknown>,
  zone: RongCloudServerTimeZone,
): Date | null {
  const { time, startTime } = entry;
  if (time === undefined || time === null || time === '' || time === ZERO_DATE) return null;
  const until = typeof time === 'string' ? parseServerTime(time, zone) : undefined;
  if (until === undefined) throw unexpectedBody(answer, 'a gag time is not YYYY-MM-DD HH:MM:SS');
  const start = typeof startTime === 'string' ? parseServerTime(startTime, zone) : undefined;
  if (start !== undefined && until.getTime() - start.getTime() > LONGEST_TIMED_GAG_MS) return null;
  return until;
}

function readStat(raw: unknown): boolean | undefined {
  if (raw === 1 || raw === '1') return true;
  if (raw === 0 || raw === '0') return false;
  return undefined;
}

// Every mute call is idempotent (a repeated gag only sets a fresh term), so a caller whose later chunk failed
// can replay the whole call.
export function createGroupMuteApi(
  transport: RongCloudTransport,
  serverTimeZone: RongCloudServerTimeZone,
): RongCloudGroupMuteApi {
  /** One call per chunk of at most 20 ids, each carrying `extra` after the repeated `key`. */
  async function postChunks(
    endpoint: string,
    key: 'userId' | 'groupId',
    ids: readonly string[],
    extra: readonly FormField[],
    signal: AbortSignal | undefined,
  ): Promise<RongCloudAnswer[]> {
    const answers: RongCloudAnswer[] = [];
    for (const chunk of splitIds(uniqueIds(ids), MAX_MUTE_IDS_PER_CALL)) {
      answers.push(await transport.post(endpoint, [...repeatField(key, chunk), ...extra], signal));
    }
    return answers;
  }

  async function changeMembers(
    endpoint: string,
    input: { groupId: string; userIds: string[] },
    extra: readonly FormField[],
    opts: CallOptions | undefined,
  ): Promise<void> {
    await postChunks(endpoint, 'userId', input.userIds, [['groupId', input.groupId], ...extra], opts?.signal);
  }

  function checkMembers(endpoint: string, input: { groupId: string; userIds: string[] }): void {
    assertId(endpoint, 'groupId', input.groupId);
    assertIdList(endpoint, 'userIds', input.userIds);
  }

  return {
    async gagMembers(input, opts?: CallOptions) {
      checkMembers(GAG_ADD, input);
      assertGagMinutes(GAG_ADD, input.minutes);
      await changeMembers(GAG_ADD, input, [['minute', String(input.minutes)]], opts);
    },

    async ungagMembers(input, opts?: CallOptions) {
      checkMembers(GAG_ROLLBACK, input);
      await changeMembers(GAG_ROLLBACK, input, [], opts);
    },

    async listGagged(input, opts?: CallOptions) {
      assertId(GAG_LIST, 'groupId', input.groupId);
      const answer = await transport.post(GAG_LIST, [['groupId', input.groupId]], opts?.signal);
      const { users } = answer.body;
      // An absent list is read as "nobody gagged", like an absent member list.
      if (users === undefined) return [];
      if (!Array.isArray(users)) throw unexpectedBody(answer, 'users is not an array');
      return users.map((entry: unknown): RongCloudGaggedMember => {
        if (!isRecord(entry) || typeof entry.userId !== 'string') {
          throw unexpectedBody(answer, 'a gagged user has no string userId');
        }
        return { userId: entry.userId, until: readGagEnd(answer, entry, serverTimeZone) };
      });
    },

    async muteAll(input, opts?: CallOptions) {
      assertIdList(BAN_ADD, 'groupIds', input.groupIds);
      await postChunks(BAN_ADD, 'groupId', input.groupIds, [], opts?.signal);
    },

    async unmuteAll(input, opts?: CallOptions) {
      assertIdList(BAN_ROLLBACK, 'groupIds', input.groupIds);
      await postChunks(BAN_ROLLBACK, 'groupId', input.groupIds, [], opts?.signal);
    },

    async queryMuteAll(input, opts?: CallOptions) {
      assertIdList(BAN_QUERY, 'groupIds', input.groupIds);
      const answers = await postChunks(BAN_QUERY, 'groupId', input.groupIds, [], opts?.signal);
      return answers.flatMap((answer) => {
        const { groupinfo } = answer.body;
        if (groupinfo === undefined) return [];
        if (!Array.isArray(groupinfo)) throw unexpectedBody(answer, 'groupinfo is not an array');
        return groupinfo.map((entry: unknown): RongCloudGroupMuteState => {
          const muted = isRecord(entry) ? readStat(entry.stat) : undefined;
          if (!isRecord(entry) || typeof entry.groupId !== 'string' || muted === undefined) {
            throw unexpectedBody(answer, 'a groupinfo entry has no string groupId and stat 0 or 1');
          }
          return { groupId: entry.groupId, muted };
        });
      });
    },

    async addToMuteWhitelist(input, opts?: CallOptions) {
      checkMembers(WHITELIST_ADD, input);
      await changeMembers(WHITELIST_ADD, input, [], opts);
    },

    async removeFromMuteWhitelist(input, opts?: CallOptions) {
      checkMembers(WHITELIST_ROLLBACK, input);
      await changeMembers(WHITELIST_ROLLBACK, input, [], opts);
    },

    async queryMuteWhitelist(input, opts?: CallOptions) {
      assertId(WHITELIST_QUERY, 'groupId', input.groupId);
      const answer = await transport.post(WHITELIST_QUERY, [['groupId', input.groupId]], opts?.signal);
      const { userIds } = answer.body;
      if (userIds === undefined) return [];
      if (!Array.isArray(userIds) || !userIds.every((userId) => typeof userId === 'string')) {
        throw unexpectedBody(answer, 'userIds is not an array of strings');
      }
      return userIds;
    },
  };
}
