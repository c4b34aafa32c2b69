// Operator command: `npm run user:level -- <username> <level>` sets a user's certification level ('' A B C D).
// Level is never settable through the API; this runs with the service's own configuration.

import { resolve } from 'node:path';
import { USER_LEVELS, type UserLevel } from '@groupchat/contracts';
import { setUserLevel } from '@groupchat/core';
import { connectDatabase } from '@groupchat/db';
import { startEmbeddedDatabase } from '@groupchat/db/embedded';
import { loadEnv } from '../src/env.ts';

const [username, rawLevel = ''] = process.argv.slice(2);
const level = (rawLevel === 'none' ? '' : rawLevel.toUpperCase()) as UserLevel;
if (!username || !USER_LEVELS.includes(level)) {
  console.error('usage: npm run user:level -- <username> <A|B|C|D|none>');
  process.exit(2);
}
const env = loadEnv();
const embedded = env.MONGODB_URI
  ? undefined
  : await startEmbeddedDatabase({ dataDir: resolve(env.DATA_DIR) });
const db = await connectDatabase(env.MONGODB_URI ?? `${embedded!.uri}/groupchat`);
try {
  const user = await setUserLevel({ db }, username, level);
  console.log(`user ${user._id} (${user.username}) now has level ${JSON.stringify(user.level)}`);
} catch {
  console.error(`no user with username ${username}`);
  process.exitCode = 1;
} finally {
  await db.close();
  await embedded?.stop();
}
