// Sends a group's queued notices to RongCloud, oldest first, under the group's hold (so no two instances
// interleave one group's notices); the write ending the hold removes them from the queue (sync-state.ts). A crash
// between the two sends a notice again
// on the next attempt, possibly merged with notices queued since: delivery is at least once, and `extra` names
// every queued notice a message stands for, so a client drops a message only when it has seen all of them.
import type { GroupDoc, GroupNoticeDoc } from '@groupchat/db';
import { RongCloudError } from '@groupchat/rongcloud';
import type { CoreDeps } from '../shared/deps.ts';
import { joinNames } from './notices.ts';
import { rongCloudGroupId, rongCloudUserId } from './rongcloud-deps.ts';
import type { MirrorContext } from './sync.ts';

/** RongCloud's UI kits list the targets of one notice; more than this is split. */
export const MAX_TARGETS_PER_NOTICE = 50;
/** Joins queued within this of the first of a run become one Add. */
const COALESCE_WINDOW_MS = 1_000;

export async function sendNotices(deps: CoreDeps, group: GroupDoc, context: MirrorContext): Promise<void> {
  const pending = group.notices ?? [];
  const { signal, notices: ledger } = context;
  for (const run of coalesce(pending)) {
    const messages = messagesOf(deps, group._id, run);
    await deps.rongcloud.messageRate.take(messages.length, signal);
    try {
      for (const message of messages) await deps.rongcloud.client.message.publishGroup(message, { signal });
    } catch (error) {
      // Sent again it would be refused again, and every later notice and membership change of the group
      // waits behind it: it is dropped and counted on the group instead.
      if (!isRefusedForGood(error)) throw error;
      ledger.refused.push(...run.merged);
      continue;
    }
    ledger.sent.push(...run.merged);
  }
}

/**
 * RongCloud's "parameter error" and "over the length limit" judge the message itself. Credentials, rate limits and
 * server trouble answer other codes, and leave the notice queued.
 */
const REFUSED_FOR_GOOD: ReadonlySet<unknown> = new Set([1002, 1005]);
const isRefusedForGood = (error: unknown) =>
  error instanceof RongCloudError && !error.retryable && REFUSED_FOR_GOOD.has(error.code);

export interface Run {
  /** What is sent: the first notice of the run, naming every target of the run. */
  notice: GroupNoticeDoc;
  /** The queued notices it stands for. */
  merged: GroupNoticeDoc[];
}

const isSelfJoin = (notice: GroupNoticeDoc) =>
  notice.targetUserIds.length === 1 && notice.targetUserIds[0] === notice.operatorUserId;

/**
 * What a message carries in `extra`. A run re-sent after a crash may have grown ([A] sent, then [A, B]), so the
 * first id alone would make a client drop news it never had. `noticeIds` lists every queued notice merged in, and
 * `noticeId`, the last of them, differs between any two runs of different content: runs from one queue start at
 * the same notice and only ever grow at their end.
 */
export function noticeExtra(run: Run): { noticeId: string; noticeIds: string[] } {
  const noticeIds = run.merged.map((notice) => notice._id.toHexString());
  return { noticeId: noticeIds.at(-1)!, noticeIds };
}

/** Consecutive Adds (joins on one's own, or pull-ins by one member) within about a second become one Add. */
export function coalesce(pending: GroupNoticeDoc[]): Run[] {
  const runs: Run[] = [];
  for (const notice of pending) {
    const last = runs.at(-1);
    const first = last?.merged[0];
    const joins =
      last &&
      first &&
      notice.operation === 'Add' &&
      first.operation === 'Add' &&
      notice.at.getTime() - first.at.getTime() <= COALESCE_WINDOW_MS &&
      last.notice.targetUserIds.length + notice.targetUserIds.length <= MAX_TARGETS_PER_NOTICE &&
      ((isSelfJoin(first) && isSelfJoin(notice)) ||
        (!isSelfJoin(first) && first.operatorUserId === notice.operatorUserId));
    if (!joins) {
      runs.push({ notice, merged: [notice] });
      continue;
    }
    const targetUserIds = [...last.notice.targetUserIds, ...notice.targetUserIds];
    const targetUserDisplayNames = [...last.notice.targetUserDisplayNames, ...notice.targetUserDisplayNames];
    const names = joinNames(targetUserDisplayNames);
    last.notice = {
      ...last.notice,
      targetUserIds,
      targetUserDisplayNames,
      targetGroupName: notice.targetGroupName,
      message: isSelfJoin(first) ? `${names} 加入了群组` : `${first.operatorNickname} 邀请 ${names} 加入群组`,
    };
    last.merged.push(notice);
  }
  return runs;
}

type Publish = Parameters<CoreDeps['rongcloud']['client']['message']['publishGroup']>[0];

function messagesOf(deps: CoreDeps, groupId: number, run: Run): Publish[] {
  const { notice } = run;
  const rc = (userId: number) => rongCloudUserId(deps.rongcloud, userId);
  const groupIds = [rongCloudGroupId(deps.rongcloud, groupId)];
  const extra = JSON.stringify(noticeExtra(run));
  const content = {
    operatorUserId: rc(notice.operatorUserId),
    operation: notice.operation,
    // RongCloud's kits parse `data` from text (iOS) or read it as a string (Android).
    data: JSON.stringify({
      operatorNickname: notice.operatorNickname,
      targetUserIds: notice.targetUserIds.map(rc),
      targetUserDisplayNames: notice.targetUserDisplayNames,
      targetGroupName: notice.targetGroupName,
      timestamp: notice.at.getTime(),
    }),
    message: notice.message,
    extra,
  };
  const base = { fromUserId: deps.rongcloud.systemUserId, groupIds, objectName: 'RC:GrpNtf', content };
  const messages: Publish[] = [base];
  // Removed users may already be gone from RongCloud's group when a repair sends this: they get their own copy.
  if (notice.directToTargets && notice.targetUserIds.length > 0) {
    messages.push({ ...base, toUserIds: notice.targetUserIds.map(rc) });
  }
  if (notice.announcement) {
    messages.push({
      fromUserId: rc(notice.operatorUserId),
      groupIds,
      objectName: 'RC:TxtMsg',
      content: {
        content: `@所有人 ${notice.announcement}`,
        mentionedInfo: { type: 1, userIdList: [] },
        extra,
      },
      isMentioned: true,
      isIncludeSender: true,
    });
  }
  return messages;
}
