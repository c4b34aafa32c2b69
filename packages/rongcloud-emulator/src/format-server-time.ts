// The gag list's wall-clock times, `YYYY-MM-DD HH:MM:SS`, in the data centre's time zone (§3.11).
import type { ServerTimeZone } from './options.ts';

const OFFSET_MS: Readonly<Record<ServerTimeZone, number>> = { 'UTC+8': 8 * 3_600_000, UTC: 0 };

export function formatServerTime(epochMs: number, zone: ServerTimeZone): string {
  // Shifting the instant by the offset and reading it as UTC gives the wall clock of a zone without DST.
  const iso = new Date(epochMs + OFFSET_MS[zone]).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
