// POST /user/getToken.json (§3.1): registers or updates the user and issues a fresh token.
import { checkId, checkName, checkPortraitUri, optionalParam, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const getToken: ApiHandler = (params, { state }) => {
  const userId = checkId('userId', requireParam(params, 'userId'));
  const name = checkName('name', requireParam(params, 'name'));
  const portraitUri = optionalParam(params, 'portraitUri');
  if (portraitUri !== undefined) checkPortraitUri(portraitUri);
  const token = state.issueToken(userId, name, portraitUri);
  return { code: 200, userId, token };
};
