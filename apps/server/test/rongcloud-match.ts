// Compares what RongCloud (the emulator) holds with MongoDB, the truth, for every group of a database.
import type { Database } from '@groupchat/db';
import type { RunningEmulator } from '@groupchat/rongcloud-emulator';

export async function rongCloudDifferences(
  db: Database,
  emulator: RunningEmulator,
  prefix = 'T',
): Promise<string[]> {
  const differences: string[] = [];
  for (const group of await db.groups.find({}).lean()) {
    const held = emulator.state.getGroup(`${prefix}${group._id}`);
    if (group.status !== 'live') {
      if (held) differences.push(`group ${group._id} is ${group.status} but RongCloud holds it`);
      continue;
    }
    const members = (await db.memberships.find({ groupId: group._id }).lean()).map(
      (m) => `${prefix}${m.userId}`,
    );
    if (!held) {
      differences.push(`group ${group._id} is missing in RongCloud`);
      continue;
    }
    if (held.name !== group.name) differences.push(`group ${group._id} is named ${held.name} in RongCloud`);
    const want = [...members].sort().join(',');
    const have = [...held.members].sort().join(',');
    if (want !== have) differences.push(`group ${group._id}: MongoDB [${want}] RongCloud [${have}]`);
  }
  return differences;
}
