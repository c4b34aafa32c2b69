// In-chat notices: what each change tells the group, as RongCloud's UI kits read an RC:GrpNtf (operation, data,
// message). A notice is queued in the group's own document by the write that commits its change, so it exists
// exactly when the change does, and in the order the changes were committed (docs/rongcloud.md).
import type { GroupNoticeDoc, UserDoc } from '@groupchat/db';
import { Types } from 'mongoose';
import { type CoreDeps, currentTime } from '../shared/deps.ts';

export type NoticeOperation =
  | 'Create'
  | 'Add'
  | 'Quit'
  | 'Kicked'
  | 'Rename'
  | 'Dismiss'
  | 'Bulletin'
  | 'Cover'
  | 'Transfer'
  | 'SetManager'
  | 'RemoveManager'
  | 'Mute'
  | 'MuteAll';

export type Person = Pick<UserDoc, '_id' | 'nick' | 'name'>;

/** The people a notice names (and their consent setting, which a pull-in needs), in one query. */
export async function loadPeople(
  deps: CoreDeps,
  userIds: number[],
): Promise<Map<number, Person & Partial<Pick<UserDoc, 'groupInvites'>>>> {
  const users = await deps.db.users
    .find({ _id: { $in: [...new Set(userIds)] } }, { nick: 1, name: 1, groupInvites: 1 })
    .lean();
  return new Map(users.map((user) => [user._id, user]));
}

export const personOf = (people: Map<number, Person>, userId: number): Person =>
  people.get(userId) ?? { _id: userId, nick: '', name: '' };

/** What a chat shows for a person: never the phone number, which only its owner may see. */
export const displayName = (user: Person | undefined, id: number) =>
  user?.nick || user?.name || `用户${user?._id ?? id}`;

export interface NoticeInput {
  operation: NoticeOperation;
  operator: Person;
  targets?: Person[];
  groupName: string;
  /** Mute: minutes, `null` for until lifted, `false` for lifted. MuteAll: on or off. Bulletin: the text. */
  detail?: number | null | boolean | string;
}

export function buildNotice(deps: CoreDeps, input: NoticeInput): GroupNoticeDoc {
  const targets = input.targets ?? [];
  const operatorNickname = displayName(input.operator, input.operator._id);
  const names = targets.map((target) => displayName(target, target._id));
  const notice: GroupNoticeDoc = {
    _id: new Types.ObjectId(),
    operation: input.operation,
    operatorUserId: input.operator._id,
    operatorNickname,
    targetUserIds: targets.map((target) => target._id),
    targetUserDisplayNames: names,
    targetGroupName: input.groupName,
    message: sentence(input, operatorNickname, names),
    at: currentTime(deps),
  };
  if (input.operation === 'Kicked') notice.directToTargets = true;
  if (input.operation === 'Bulletin' && typeof input.detail === 'string' && input.detail !== '') {
    notice.announcement = input.detail;
  }
  return notice;
}

/** The update fragment that queues notices with the write committing their change. */
export const queueNotices = (...notices: GroupNoticeDoc[]) => ({
  $push: { notices: { $each: notices } },
});

export const joinNames = (names: string[]) => names.join('、');

function sentence(input: NoticeInput, operator: string, names: string[]): string {
  const targets = joinNames(names);
  const { detail } = input;
  switch (input.operation) {
    case 'Create':
      return `${operator} 创建了群组 ${input.groupName}`;
    case 'Add':
      return addSentence(operator, input.operator._id, input.targets ?? [], targets);
    case 'Quit':
      return `${operator} 退出了群组`;
    case 'Kicked':
      return `${operator} 将 ${targets} 移出群组`;
    case 'Rename':
      return `${operator} 修改群名称为 ${input.groupName}`;
    case 'Dismiss':
      return `${operator} 解散了群组`;
    case 'Bulletin':
      return detail ? `${operator} 发布了群公告：${detail}` : `${operator} 清除了群公告`;
    case 'Cover':
      return `${operator} 更换了群头像`;
    case 'Transfer':
      return `${operator} 将群主转让给 ${targets}`;
    case 'SetManager':
      return `${operator} 将 ${targets} 设为管理员`;
    case 'RemoveManager':
      return `${operator} 取消了 ${targets} 的管理员身份`;
    case 'Mute':
      if (detail === false) return `${operator} 解除了 ${targets} 的禁言`;
      return typeof detail === 'number'
        ? `${operator} 将 ${targets} 禁言 ${detail} 分钟`
        : `${operator} 将 ${targets} 禁言`;
    case 'MuteAll':
      return detail ? `${operator} 开启了全员禁言` : `${operator} 关闭了全员禁言`;
  }
}

export function addSentence(operator: string, operatorId: number, targets: Person[], names: string): string {
  const selfJoin = targets.length > 0 && targets.every((target) => target._id === operatorId);
  return selfJoin ? `${operator} 加入了群组` : `${operator} 邀请 ${names} 加入群组`;
}
