// Splits id lists over RongCloud's per-call caps: 1000 userIds a create/join/quit (§3.13), 20 a mute call.

export const MAX_USER_IDS_PER_CALL = 1000;
/** Every mute endpoint takes at most 20 userIds or 20 groupIds per call (§3.11, §3.16). */
export const MAX_MUTE_IDS_PER_CALL = 20;

/** Drops repeats (keeping first-seen order) so they do not eat into the per-call cap. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function splitIds(ids: readonly string[], size: number = MAX_USER_IDS_PER_CALL): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}
