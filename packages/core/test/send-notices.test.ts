// A run of Adds re-sent after a crash (published, not yet pulled) may have grown by the joins queued since. What a
// client sees must let it drop the repeat without dropping the join it has not heard of.
import { setTimeout as sleep } from 'node:timers/promises';
import type { GroupNoticeDoc } from '@groupchat/db';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { coalesce, noticeExtra, sendNotices } from '../src/rongcloud/send-notices.ts';
import { emptyLedger } from '../src/rongcloud/sync-state.ts';
import { useCoreDeps } from '../src/testing.ts';

const deps = useCoreDeps();
const at = new Date('2026-01-01T00:00:00Z');

const join = (userId: number, afterMs: number): GroupNoticeDoc => ({
  _id: new Types.ObjectId(),
  operation: 'Add',
  operatorUserId: userId,
  operatorNickname: `u${userId}`,
  targetUserIds: [userId],
  targetUserDisplayNames: [`u${userId}`],
  targetGroupName: 'g',
  message: `u${userId} 加入了群组`,
  at: new Date(at.getTime() + afterMs),
});

/** The rule docs/api.md gives clients: drop a message only when every notice it stands for was seen. */
function deduplicate(extras: Array<{ noticeIds: string[] }>) {
  const seen = new Set<string>();
  return extras.filter(({ noticeIds }) => {
    const fresh = noticeIds.some((id) => !seen.has(id));
    for (const id of noticeIds) seen.add(id);
    return fresh;
  });
}

describe('coalesce', () => {
  it('names every merged notice, and a grown run gets an id of its own', () => {
    const a = join(1, 0);
    const b = join(2, 300);
    const c = join(3, 2_000);
    const [alone] = coalesce([a]);
    const [grown, later] = coalesce([a, b, c]);
    expect(grown!.notice.targetUserIds).toEqual([1, 2]);
    expect(noticeExtra(alone!)).toEqual({ noticeId: a._id.toHexString(), noticeIds: [a._id.toHexString()] });
    expect(noticeExtra(grown!)).toEqual({
      noticeId: b._id.toHexString(),
      noticeIds: [a._id.toHexString(), b._id.toHexString()],
    });
    expect(noticeExtra(later!)).toEqual({ noticeId: c._id.toHexString(), noticeIds: [c._id.toHexString()] });
    // [A] delivered, a crash before the pull, then [A, B] and a plain repeat of [A, B]: B is kept, the repeat not.
    const delivered = [noticeExtra(alone!), noticeExtra(grown!), noticeExtra(grown!)];
    expect(new Set(delivered.map((extra) => extra.noticeId)).size).toBe(2);
    expect(deduplicate(delivered)).toEqual([noticeExtra(alone!), noticeExtra(grown!)]);
  });
});

describe('sendNotices after a publish that landed but was not confirmed', () => {
  it('re-sends the grown run under a new noticeId, and a deduplicating client still learns of the second join', async () => {
    const a = join(11, 0);
    const b = join(12, 200);
    const group = await deps.db.groups.create({
      _id: 700_001,
      name: 'g',
      code: '',
      codeExpiresAt: null,
      cover: null,
      ownerId: 11,
      createdAt: at,
      updatedAt: at,
      status: 'live',
      notices: [a],
    });
    // Every attempt at the publish outlives the client's timeout and is applied by RongCloud afterwards.
    deps.rongCloud.emulator.addFault({ endpoint: '/message/group/publish.json', count: 2, latencyMs: 1_300 });
    const failed = { signal: AbortSignal.timeout(10_000), notices: emptyLedger() };
    await expect(sendNotices(deps, group.toObject(), failed)).rejects.toMatchObject({
      retryable: true,
    });
    await sleep(1_500);
    await deps.db.groups.updateOne({ _id: group._id }, { $push: { notices: b } });
    const resent = { signal: AbortSignal.timeout(10_000), notices: emptyLedger() };
    await sendNotices(deps, (await deps.db.groups.findById(group._id).lean())!, resent);

    const messages = deps.rongCloud.emulator.state.getMessages('T700001');
    const extras = messages.map((message) =>
      JSON.parse(String((message.content as { extra: string }).extra)),
    );
    const ids = [a._id.toHexString(), b._id.toHexString()];
    expect(extras.at(-1)).toEqual({ noticeId: ids[1], noticeIds: ids });
    expect(extras.slice(0, -1).every((extra) => extra.noticeId === ids[0])).toBe(true);
    expect(extras.length).toBeGreaterThanOrEqual(2);
    const kept = deduplicate(extras);
    expect(kept).toEqual([
      { noticeId: ids[0], noticeIds: [ids[0]] },
      { noticeId: ids[1], noticeIds: ids },
    ]);
    // What the hold's release pulls from the queue: both, and only once RongCloud took them.
    expect(failed.notices.sent).toEqual([]);
    expect(resent.notices.sent.map((notice) => notice._id)).toEqual([a._id, b._id]);
  });
});
