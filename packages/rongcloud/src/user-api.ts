// User endpoints: getToken (§3.1), refresh (§3.2) and the groups a user belongs to (§3.10).
import type { FormField } from './encode-form.ts';
import { type RongCloudTransport, unexpectedBody } from './http.ts';
import type { CallOptions, RongCloudGroupSummary, RongCloudUserApi } from './types.ts';
import { assertId, assertName, assertPage, assertPageSize, assertPortraitUri } from './validate-input.ts';

const GET_TOKEN = '/user/getToken.json';
const REFRESH = '/user/refresh.json';
const QUERY_GROUPS = '/user/group/query.json';

export function createUserApi(transport: RongCloudTransport): RongCloudUserApi {
  return {
    async getToken(input, opts?: CallOptions) {
      assertId(GET_TOKEN, 'userId', input.userId);
      assertName(GET_TOKEN, 'name', input.name);
      const fields: FormField[] = [
        ['userId', input.userId],
        ['name', input.name],
      ];
      if (input.portraitUri !== undefined) {
        assertPortraitUri(GET_TOKEN, input.portraitUri);
        fields.push(['portraitUri', input.portraitUri]);
      }
      const answer = await transport.post(GET_TOKEN, fields, opts?.signal);
      const { token, userId } = answer.body;
      if (typeof token !== 'string' || token === '') throw unexpectedBody(answer, 'no token');
      return { userId: typeof userId === 'string' ? userId : input.userId, token };
    },

    async refresh(input, opts?: CallOptions) {
      assertId(REFRESH, 'userId', input.userId);
      const fields: FormField[] = [['userId', input.userId]];
      // Omitted fields keep their stored value on RongCloud's side, so only send what the caller set.
      if (input.name !== undefined) {
        assertName(REFRESH, 'name', input.name);
        fields.push(['name', input.name]);
      }
      if (input.portraitUri !== undefined) {
        assertPortraitUri(REFRESH, input.portraitUri);
        fields.push(['portraitUri', input.portraitUri]);
      }
      await transport.post(REFRESH, fields, opts?.signal);
    },

    async queryGroups(input, opts?: CallOptions) {
      assertId(QUERY_GROUPS, 'userId', input.userId);
      const fields: FormField[] = [['userId', input.userId]];
      if (input.page !== undefined) {
        assertPage(QUERY_GROUPS, input.page);
        fields.push(['page', String(input.page)]);
      }
      if (input.size !== undefined) {
        assertPageSize(QUERY_GROUPS, input.size);
        fields.push(['size', String(input.size)]);
      }
      const answer = await transport.post(QUERY_GROUPS, fields, opts?.signal);
      const { groups } = answer.body;
      // An absent list is read as "no groups": the docs do not say what a user without groups gets.
      if (groups === undefined) return [];
      if (!Array.isArray(groups)) throw unexpectedBody(answer, 'groups is not an array');
      return groups.map((group: unknown): RongCloudGroupSummary => {
        if (typeof group !== 'object' || group === null || !('id' in group) || typeof group.id !== 'string') {
          throw unexpectedBody(answer, 'a group has no string id');
        }
        const name = 'name' in group && typeof group.name === 'string' ? group.name : '';
        return { id: group.id, name };
      });
    },
  };
}
