// The RongCloud Server API paths this emulator answers, with RongCloud's default per-second limits (§5).

export const API_ENDPOINTS = [
  '/user/getToken.json',
  '/user/refresh.json',
  '/group/create.json',
  '/group/join.json',
  '/group/quit.json',
  '/group/dismiss.json',
  '/group/refresh.json',
  '/group/user/query.json',
  '/group/sync.json',
  '/user/group/query.json',
  '/group/user/gag/add.json',
  '/group/user/gag/rollback.json',
  '/group/user/gag/list.json',
  '/group/ban/add.json',
  '/group/ban/rollback.json',
  '/group/ban/query.json',
  '/group/user/ban/whitelist/add.json',
  '/group/user/ban/whitelist/rollback.json',
  '/group/user/ban/whitelist/query.json',
  '/message/group/publish.json',
] as const;

export type ApiEndpoint = (typeof API_ENDPOINTS)[number];

/**
 * Per App Key, per second (§5): getToken 200/s, group messages 20/s (each target group counts), everything else
 * (mute endpoints included) 100/s.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<ApiEndpoint, number>> = {
  '/user/getToken.json': 200,
  '/user/refresh.json': 100,
  '/group/create.json': 100,
  '/group/join.json': 100,
  '/group/quit.json': 100,
  '/group/dismiss.json': 100,
  '/group/refresh.json': 100,
  '/group/user/query.json': 100,
  '/group/sync.json': 100,
  '/user/group/query.json': 100,
  '/group/user/gag/add.json': 100,
  '/group/user/gag/rollback.json': 100,
  '/group/user/gag/list.json': 100,
  '/group/ban/add.json': 100,
  '/group/ban/rollback.json': 100,
  '/group/ban/query.json': 100,
  '/group/user/ban/whitelist/add.json': 100,
  '/group/user/ban/whitelist/rollback.json': 100,
  '/group/user/ban/whitelist/query.json': 100,
  '/message/group/publish.json': 20,
};

export function isApiEndpoint(path: string): path is ApiEndpoint {
  return (API_ENDPOINTS as readonly string[]).includes(path);
}
