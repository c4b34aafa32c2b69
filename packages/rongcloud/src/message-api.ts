// Group messages (§3.14): one message to up to 3 groups, or a directed one to listed members of one group.
import { type FormField, repeatField } from './encode-form.ts';
import { RongCloudError } from './errors.ts';
import type { RongCloudTransport } from './http.ts';
import type { CallOptions, RongCloudMessageApi } from './types.ts';
import { assertId, assertIdList } from './validate-input.ts';

const PUBLISH_GROUP = '/message/group/publish.json';
const MAX_GROUPS = 3;
const MAX_OBJECT_NAME = 32;

function reject(message: string): never {
  throw new RongCloudError({
    code: 1002,
    endpoint: PUBLISH_GROUP,
    retryable: false,
    message: `RongCloud ${PUBLISH_GROUP} not sent: ${message}`,
  });
}

export function createMessageApi(transport: RongCloudTransport): RongCloudMessageApi {
  return {
    async publishGroup(input, opts?: CallOptions) {
      assertId(PUBLISH_GROUP, 'fromUserId', input.fromUserId);
      assertIdList(PUBLISH_GROUP, 'groupIds', input.groupIds);
      if (input.groupIds.length > MAX_GROUPS) reject(`at most ${MAX_GROUPS} groups`);
      const toUserIds = input.toUserIds ?? [];
      if (toUserIds.length > 0) {
        assertIdList(PUBLISH_GROUP, 'toUserIds', toUserIds);
        if (input.groupIds.length !== 1) reject('a directed message goes to exactly one group');
      }
      if (!input.objectName || input.objectName.length > MAX_OBJECT_NAME)
        reject('objectName is 1-32 characters');
      const fields: FormField[] = [
        ['fromUserId', input.fromUserId],
        ...repeatField('toGroupId', input.groupIds),
        ...repeatField('toUserId', toUserIds),
        ['objectName', input.objectName],
        // RongCloud wants the content as JSON text (§3.15).
        ['content', JSON.stringify(input.content)],
      ];
      if (input.pushContent !== undefined) fields.push(['pushContent', input.pushContent]);
      if (input.isMentioned) fields.push(['isMentioned', '1']);
      if (input.isIncludeSender) fields.push(['isIncludeSender', '1']);
      await transport.post(PUBLISH_GROUP, fields, opts?.signal);
    },
  };
}
