// Maps documents to contract shapes; the only path by which stored data reaches a response.
import type { Ban, Group, Invitation, Me, Member, Role, User } from '@groupchat/contracts';
import type { GroupBanDoc, GroupDoc, InvitationDoc, MembershipDoc, UserDoc } from '@groupchat/db';
import { DEFAULT_AVATAR_KEY, DEFAULT_COVER_KEY, type MediaStore } from '../media/media-store.ts';

/** A mute "until lifted" is stored as this far-future instant, so one range query finds every muted member. */
export const UNTIL_LIFTED = new Date('9999-12-31T00:00:00Z');

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

/** The caller's own profile: their whole number and their settings. */
export function toMe(user: UserDoc, media: MediaStore, baseUrl: string): Me {
  return { ...toUser(user, media, baseUrl), group_invites: user.groupInvites ?? 'anyone' };
}

export interface GroupView {
  /** The viewer's role; null for non-members, who see neither the code nor the announcement. */
  viewerRole: Role | null;
  media: MediaStore;
  baseUrl: string;
}

export function toGroup(group: GroupDoc, view: GroupView): Group {
  const member = view.viewerRole !== null;
  return {
    id: group._id,
    name: group.name,
    code: member ? group.code : '',
    cover: view.media.url(group.cover ?? DEFAULT_COVER_KEY, view.baseUrl),
    owner: group.ownerId,
    member_count: group.memberCount,
    role: view.viewerRole,
    announcement: member ? group.announcement : '',
    all_muted: group.allMuted,
    created_at: group.createdAt.toISOString(),
  };
}

/**
 * First three and last four digits, `138****5678`: enough for someone who knows the number to recognise it, too
 * little to call or to harvest. Registration admits only 11-digit numbers; anything shorter is hidden whole.
 */
export function maskPhone(username: string): string {
  if (username.length < 8) return '*'.repeat(username.length);
  return `${username.slice(0, 3)}${'*'.repeat(username.length - 7)}${username.slice(-4)}`;
}

export interface MemberView {
  media: MediaStore;
  baseUrl: string;
  now: Date;
  /** Who reads the list: their own number stays whole. */
  viewerId: number;
  memberPhone: 'masked' | 'full';
}

export function toMember(user: UserDoc, membership: MembershipDoc, role: Role, view: MemberView): Member {
  const muted = membership.mutedUntil !== null && membership.mutedUntil > view.now;
  const shown = toUser(user, view.media, view.baseUrl);
  if (view.memberPhone === 'masked' && user._id !== view.viewerId) shown.username = maskPhone(user.username);
  return {
    ...shown,
    role,
    joined_at: membership.joinedAt.toISOString(),
    muted,
    muted_until:
      muted && membership.mutedUntil!.getTime() !== UNTIL_LIFTED.getTime()
        ? membership.mutedUntil!.toISOString()
        : null,
  };
}

export function toBan(
  ban: GroupBanDoc,
  user: UserDoc | undefined,
  view: { media: MediaStore; baseUrl: string },
): Ban {
  return {
    id: ban.userId,
    nick: user?.nick ?? '',
    avatar: view.media.url(user?.avatar ?? DEFAULT_AVATAR_KEY, view.baseUrl),
    banned_at: ban.bannedAt.toISOString(),
  };
}

export function toInvitation(
  invitation: InvitationDoc,
  group: GroupDoc,
  inviter: Pick<UserDoc, 'nick' | 'avatar'> | undefined,
  view: GroupView,
): Invitation {
  return {
    id: invitation._id,
    group: toGroup(group, view),
    inviter: {
      id: invitation.inviterId,
      nick: inviter?.nick ?? '',
      avatar: view.media.url(inviter?.avatar ?? DEFAULT_AVATAR_KEY, view.baseUrl),
    },
    created_at: invitation.createdAt.toISOString(),
  };
}
