// POST /message/group/publish.json (§3.14): a message to up to 3 groups, or a directed one to some members of one
// group. RongCloud checks neither sender nor membership; the emulator keeps every message per group, dismissal
// or not, so tests can read what a chat would show.
import { badParam, tooLong } from '../api-error.ts';
import { checkId, optionalParam, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const PUBLISH_ENDPOINT = '/message/group/publish.json';

const MAX_GROUPS = 3;
const MAX_OBJECT_NAME = 32;
/** 128 KB of content (§3.14); the 100 KB body limit usually says no first. */
const MAX_CONTENT_BYTES = 128 * 1024;

function flag(params: URLSearchParams, key: string): boolean {
  const value = optionalParam(params, key);
  if (value === undefined) return false;
  if (value !== '0' && value !== '1') throw badParam(`${key} must be 0 or 1`);
  return value === '1';
}

export const publishGroupMessage: ApiHandler = (params, { state }) => {
  const fromUserId = checkId('fromUserId', requireParam(params, 'fromUserId'));
  const groupIds = params.getAll('toGroupId').map((id) => checkId('toGroupId', id));
  if (groupIds.length === 0) throw badParam('toGroupId is required');
  if (groupIds.length > MAX_GROUPS) throw badParam(`at most ${MAX_GROUPS} toGroupId values per call`);
  const toUserIds = params.getAll('toUserId').map((id) => checkId('toUserId', id));
  if (toUserIds.length > 0 && groupIds.length !== 1)
    throw badParam('a directed message goes to exactly one group');
  const objectName = requireParam(params, 'objectName');
  if (objectName.length > MAX_OBJECT_NAME) throw tooLong(`objectName is longer than ${MAX_OBJECT_NAME}`);
  const raw = requireParam(params, 'content');
  if (Buffer.byteLength(raw, 'utf8') > MAX_CONTENT_BYTES) throw tooLong('content is larger than 128 KB');
  let content: unknown;
  try {
    content = JSON.parse(raw);
  } catch {
    throw badParam('content must be a JSON string');
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw badParam('content must be a JSON object');
  }
  const mentioned = flag(params, 'isMentioned');
  if (mentioned && !('mentionedInfo' in content)) throw badParam('isMentioned=1 needs content.mentionedInfo');
  flag(params, 'isIncludeSender');
  flag(params, 'isPersisted');
  for (const groupId of groupIds) {
    state.recordMessage(groupId, {
      fromUserId,
      objectName,
      content,
      toUserIds: toUserIds.length > 0 ? toUserIds : null,
    });
  }
  return { code: 200 };
};
