// Splits id lists over RongCloud's per-call cap (1000 userIds per create/join/quit, §3.13).

const MAX_USER_IDS_PER_CALL = 1000;

/** Drops repeats (keeping first-seen order) so they do not eat into the per-call cap. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function splitIds(ids: readonly string[], size: number = MAX_USER_IDS_PER_CALL): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}
