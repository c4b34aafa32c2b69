// Wall-clock times in RongCloud answers (`YYYY-MM-DD HH:MM:SS`, §3.11), read in the data centre's time zone.
import type { RongCloudServerTimeZone } from './types.ts';

const OFFSET_MS: Readonly<Record<RongCloudServerTimeZone, number>> = { 'UTC+8': 8 * 3_600_000, UTC: 0 };
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** The instant `text` names in `zone`, or undefined when it is not a real `YYYY-MM-DD HH:MM:SS` date. */
export function parseServerTime(text: string, zone: RongCloudServerTimeZone): Date | undefined {
  const match = WALL_CLOCK.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallClock = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 02-30 over into March and 25:00 into the next day; a date that does not round-trip is bad.
  const roundTrips =
    wallClock.getUTCFullYear() === year &&
    wallClock.getUTCMonth() === month - 1 &&
    wallClock.getUTCDate() === day &&
    wallClock.getUTCHours() === hour &&
    wallClock.getUTCMinutes() === minute &&
    wallClock.getUTCSeconds() === second;
  return roundTrips ? new Date(wallClock.getTime() - OFFSET_MS[zone]) : undefined;
}
