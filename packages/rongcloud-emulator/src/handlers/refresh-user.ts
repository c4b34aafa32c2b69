// POST /user/refresh.json (§3.2): changes the stored name/portrait of a registered user.
import { ApiError, ErrorCode } from '../api-error.ts';
import { checkId, checkName, checkPortraitUri, optionalParam, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const refreshUser: ApiHandler = (params, { state }) => {
  const userId = checkId('userId', requireParam(params, 'userId'));
  const name = optionalParam(params, 'name');
  if (name !== undefined) checkName('name', name);
  const portraitUri = optionalParam(params, 'portraitUri');
  if (portraitUri !== undefined) checkPortraitUri(portraitUri);
  if (!state.updateUser(userId, { name, portraitUri })) {
    // Emulator choice: RongCloud's behaviour is undocumented; code 400 is its "user ID does not exist" (§4.2).
    throw new ApiError(400, ErrorCode.userNotFound, `user ${userId} does not exist`);
  }
  return { code: 200 };
};
