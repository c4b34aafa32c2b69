// Builds the client; the App Secret lives only in closures, never as a property of anything returned.
import { createGroupApi } from './group-api.ts';
import { createTransport } from './http.ts';
import { createMessageApi } from './message-api.ts';
import { resolveConfig } from './resolve-config.ts';
import type { RongCloudClient, RongCloudConfig } from './types.ts';
import { createUserApi } from './user-api.ts';

export function createRongCloudClient(config: RongCloudConfig): RongCloudClient {
  const resolved = resolveConfig(config);
  const transport = createTransport(resolved);
  return Object.freeze({
    user: Object.freeze(createUserApi(transport)),
    group: Object.freeze(createGroupApi(transport, resolved.serverTimeZone)),
    message: Object.freeze(createMessageApi(transport)),
  });
}
