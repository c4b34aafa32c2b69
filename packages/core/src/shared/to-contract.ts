// Maps documents to contract shapes; the only path by which stored data reaches a response.
import type { Group, User } from '@groupchat/contracts';
import type { GroupDoc, UserDoc } from '@groupchat/db';
import { DEFAULT_AVATAR_KEY, DEFAULT_COVER_KEY, type MediaStore } from '../media/media-store.ts';

export function toUser(user: UserDoc, media: MediaStore, baseUrl: string): User {
  return {
    id: user._id,
    name: user.name,
    nick: user.nick,
    avatar: media.url(user.avatar ?? DEFAULT_AVATAR_KEY, baseUrl),
    username: user.username,
    level: user.level,
  };
}

export interface GroupView {
  /** `code` is shown to members only: the legacy API leaked it to anyone who knew a group id. */
  viewerIsMember: boolean;
  media: MediaStore;
  baseUrl: string;
}

export function toGroup(group: GroupDoc, view: GroupView): Group {
  return {
    id: group._id,
    name: group.name,
    code: view.viewerIsMember ? group.code : '',
    cover: view.media.url(group.cover ?? DEFAULT_COVER_KEY, view.baseUrl),
  };
}
