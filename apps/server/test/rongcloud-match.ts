// Compares what RongCloud (the emulator) holds with MongoDB, the truth, for every group of a database: existence,
// name, members, each member's gag, the group-wide mute and its whitelist (the owner and admins while muted).
import type { Database } from '@groupchat/db';
import type { RunningEmulator } from '@groupchat/rongcloud-emulator';

export async function rongCloudDifferences(
  db: Database,
  emulator: RunningEmulator,
  prefix = 'T',
): Promise<string[]> {
  const differences: string[] = [];
  const now = new Date();
  const sorted = (ids: Iterable<string>) => [...ids].sort().join(',');
  for (const group of await db.groups.find({}).lean()) {
    const held = emulator.state.getGroup(`${prefix}${group._id}`);
    const mutes = emulator.state.getGroupMutes(`${prefix}${group._id}`);
    if (group.status !== 'live') {
      if (held) differences.push(`group ${group._id} is ${group.status} but RongCloud holds it`);
      if (group.status === 'dismissed' && (mutes.banned || mutes.whitelist.length > 0)) {
        differences.push(`dismissed group ${group._id} keeps its ban or whitelist in RongCloud`);
      }
      continue;
    }
    const memberships = await db.memberships.find({ groupId: group._id }).lean();
    if (!held) {
      differences.push(`group ${group._id} is missing in RongCloud`);
      continue;
    }
    if (held.name !== group.name) differences.push(`group ${group._id} is named ${held.name} in RongCloud`);
    const want = sorted(memberships.map((m) => `${prefix}${m.userId}`));
    const have = sorted(held.members);
    if (want !== have) differences.push(`group ${group._id}: MongoDB [${want}] RongCloud [${have}]`);
    const wantGagged = sorted(
      memberships.filter((m) => m.mutedUntil && m.mutedUntil > now).map((m) => `${prefix}${m.userId}`),
    );
    const haveGagged = sorted(mutes.gagged.map((gag) => gag.userId));
    if (wantGagged !== haveGagged) {
      differences.push(`group ${group._id} gags: MongoDB [${wantGagged}] RongCloud [${haveGagged}]`);
    }
    if (mutes.banned !== group.allMuted) differences.push(`group ${group._id} mute-all differs in RongCloud`);
    const members = new Set(memberships.map((m) => m.userId));
    const staff = [group.ownerId, ...group.adminIds].filter((id) => members.has(id));
    const wantWhitelist = sorted(group.allMuted ? staff.map((id) => `${prefix}${id}`) : []);
    if (wantWhitelist !== sorted(mutes.whitelist)) {
      differences.push(
        `group ${group._id} whitelist: MongoDB [${wantWhitelist}] RongCloud [${sorted(mutes.whitelist)}]`,
      );
    }
  }
  return differences;
}
