// What both baselines share with the service's wire format: token hashing, the group and user shapes, and Django
// REST Framework's page (absolute next/previous links). Pure functions, so neither baseline gains from the other.
import { createHash } from 'node:crypto';

export const PAGE_SIZE = 20;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The token of `Authorization: Token …` or `Bearer …`; undefined when absent or malformed. */
export function tokenOf(header: string | undefined): string | undefined {
  const match = header ? /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header.trim()) : null;
  return match?.[1] && match[1].length <= 200 ? match[1] : undefined;
}

export interface GroupLike {
  _id: number;
  name: string;
  code: string;
  cover: string | null;
}

export interface UserLike {
  _id: number;
  name: string;
  nick: string;
  avatar: string | null;
  username: string;
  level: string;
}

export const mediaUrl = (base: string, key: string | null, fallback: string) =>
  `${base}/media/${key ?? fallback}`;

export const toGroup = (group: GroupLike, member: boolean, base: string) => ({
  id: group._id,
  name: group.name,
  code: member ? group.code : '',
  cover: mediaUrl(base, group.cover, 'defaults/cover.png'),
});

export const toUser = (user: UserLike, base: string) => ({
  id: user._id,
  name: user.name,
  nick: user.nick,
  avatar: mediaUrl(base, user.avatar, 'defaults/avatar.png'),
  username: user.username,
  level: user.level,
});

/** Page number from `?page=`; undefined when it is not a positive integer. */
export function pageOf(value: unknown): number | undefined {
  if (value === undefined) return 1;
  const page = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return page >= 1 ? page : undefined;
}

/** The page body, or undefined for a page past the end (404, as the service answers). */
export function buildPage<T>(page: number, count: number, results: T[], url: string) {
  const skip = (page - 1) * PAGE_SIZE;
  if (page > 1 && skip >= count) return undefined;
  const link = (target: number) => (target > 1 ? `${url}?page=${target}` : url);
  return {
    count,
    next: skip + results.length < count ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results,
  };
}

export const ERRORS = {
  notAuthenticated: { status: 401, body: { detail: '身份认证信息未提供。', code: 'not_authenticated' } },
  authenticationFailed: { status: 401, body: { detail: '认证令牌无效。', code: 'authentication_failed' } },
  permissionDenied: { status: 403, body: { detail: '您没有执行该操作的权限。', code: 'permission_denied' } },
  notFound: { status: 404, body: { detail: '未找到。', code: 'not_found' } },
  unavailable: { status: 503, body: { detail: '服务暂不可用。', code: 'service_unavailable' } },
} as const;
