// The system sender of in-chat notices is registered with RongCloud (a token) once per app, so pushes carry its
// name. RongCloud does not require it to publish (§3.14), so notices never wait for it; until it succeeds, each
// start tries again, then every minute.
import { isDuplicateKeyError } from '@groupchat/db';
import { type CoreDeps, currentTime } from '../shared/deps.ts';

const SYSTEM_NAME = '系统消息';
const RETRY_MS = 60_000;

/** Resolves once registered (now or by an earlier start); retries in the background until `stop` aborts. */
export async function registerSystemSender(deps: CoreDeps, stop: AbortSignal): Promise<void> {
  const { systemUserId, credentialsTag, client } = deps.rongcloud;
  const _id = `${credentialsTag}:${systemUserId}`;
  while (!stop.aborted) {
    try {
      if (await deps.db.rongCloudRegistrations.exists({ _id })) return;
      await client.user.getToken({ userId: systemUserId, name: SYSTEM_NAME }, { signal: stop });
      await deps.db.rongCloudRegistrations.create({ _id, registeredAt: currentTime(deps) });
      return;
    } catch (error) {
      if (isDuplicateKeyError(error)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
  }
}
