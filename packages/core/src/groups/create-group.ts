// Creates a group: the caller becomes owner and first member. The group document is written first as `pending`
// (invisible to every read), the code is claimed and the owner's membership written, and only then is the group
// made `live`: a request that dies half-way leaves nothing any client can see.
import type { CreateGroupRequest } from '@groupchat/contracts';
import { type GroupDoc, insertWithNextId } from '@groupchat/db';
import { newMediaKey } from '../media/media-store.ts';
import { processImage } from '../media/process-image.ts';
import { mirrorGroupCreated } from '../rongcloud/mirror-group.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { claimCode } from './face-to-face-code.ts';

export async function createGroup(
  deps: CoreDeps,
  ownerId: number,
  input: CreateGroupRequest,
): Promise<GroupDoc> {
  const cover = input.cover ? await storeCover(deps, input.cover) : null;
  const now = currentTime(deps);
  const code = input.code ?? '';
  const codeExpiresAt = code ? new Date(now.getTime() + deps.settings.faceToFaceCodeTtlMs) : null;
  const group = await insertWithNextId(deps.db, deps.db.groups, (id) => ({
    _id: id,
    name: input.name,
    code,
    codeExpiresAt,
    cover,
    ownerId,
    memberCount: 1,
    createdAt: now,
    updatedAt: now,
    status: 'pending' as const,
    dismissedAt: null,
    outOfStepSince: null,
  }));
  try {
    if (code && codeExpiresAt) await claimCode(deps, code, group._id, now, codeExpiresAt);
  } catch (error) {
    await deps.db.groups.deleteOne({ _id: group._id, status: 'pending' });
    throw error;
  }
  await deps.db.memberships.create({ groupId: group._id, userId: ownerId, joinedAt: now, activityAt: now });
  await deps.db.groups.updateOne({ _id: group._id }, { $set: { status: 'live' } });
  const live: GroupDoc = { ...group, status: 'live' };
  await mirrorGroupCreated(deps, live);
  return live;
}

async function storeCover(deps: CoreDeps, file: NonNullable<CreateGroupRequest['cover']>): Promise<string> {
  const image = await processImage(file, 'cover', deps.settings.media);
  const key = newMediaKey('group', image.extension);
  await deps.media.put(key, image.data, image.contentType);
  return key;
}
