// The router's shape: one procedure per operation, queries that only read, and the REST surface it serves.
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../src/index.ts';

/** Every REST route of the API, and the one operation that serves it. */
const REST_SURFACE: Record<string, string> = {
  'POST /api/auth/register': 'accounts.register',
  'POST /api/auth/login': 'accounts.login',
  'POST /api/auth/logout': 'accounts.logout',
  'GET /api/users/me': 'accounts.getMe',
  'PATCH /api/users/me': 'accounts.updateMe',
  'GET /api/im/token': 'accounts.getImToken',
  'POST /api/im/group': 'groups.create',
  'GET /api/im/group': 'groups.list',
  'GET /api/im/retrieve/{id}': 'groups.retrieve',
  'PATCH /api/im/group/{id}': 'groups.update',
  'POST /api/im/group/{id}/join': 'groups.addMember',
  'POST /api/im/group/{id}/invite': 'groups.joinByCode',
  'GET /api/im/group/code/{code}': 'groups.previewCode',
  'POST /api/im/group/code/{code}/join': 'groups.joinWithCode',
  'POST /api/im/group/{id}/quit': 'groups.quit',
  'GET /api/im/group/{id}/quit': 'groups.quit',
  'GET /api/im/group/{id}/users': 'groups.listMembers',
  'POST /api/im/group/{id}/dismiss': 'groups.dismiss',
  'GET /api/im/group/{id}/dismiss': 'groups.dismiss',
  'DELETE /api/im/group/{id}/dismiss': 'groups.dismiss',
  'POST /api/im/group/{id}/kick': 'groups.kick',
  'POST /api/im/group/{id}/transfer': 'groups.transfer',
  'POST /api/im/group/{id}/admins': 'groups.addAdmin',
  'DELETE /api/im/group/{id}/admins/{userid}': 'groups.removeAdmin',
  'POST /api/im/group/{id}/mute': 'groups.mute',
  'DELETE /api/im/group/{id}/mute/{userid}': 'groups.unmute',
  'POST /api/im/group/{id}/mute_all': 'groups.muteAll',
  'GET /api/im/group/{id}/bans': 'groups.listBans',
  'DELETE /api/im/group/{id}/bans/{userid}': 'groups.unban',
  'GET /api/im/invitations': 'invitations.list',
  'POST /api/im/invitations/{id}/accept': 'invitations.accept',
  'POST /api/im/invitations/{id}/decline': 'invitations.decline',
};

describe('the router', () => {
  const operations = operationsOf();

  it('serves each REST route with exactly the one procedure of its operation', () => {
    const served = new Map<string, string[]>();
    for (const operation of operations) {
      for (const method of [operation.method, ...(operation.rest.aliases ?? [])]) {
        const route = `${method} ${operation.path}`;
        served.set(route, [...(served.get(route) ?? []), operation.name]);
      }
    }
    expect(Object.fromEntries([...served].map(([route, names]) => [route, names.join(' + ')]))).toEqual(
      REST_SURFACE,
    );
  });

  it('has one procedure per operation: no two share a REST path and kind', () => {
    const keys = operations.map((operation) => `${operation.type} ${operation.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('maps queries to GET only, and never documents a mutation as GET', () => {
    for (const operation of operations) {
      if (operation.type === 'query') {
        expect({ name: operation.name, method: operation.method, aliases: operation.rest.aliases }).toEqual({
          name: operation.name,
          method: 'GET',
          aliases: undefined,
        });
      } else {
        expect({ name: operation.name, method: operation.method }).not.toEqual({
          name: operation.name,
          method: 'GET',
        });
      }
    }
  });

  it('takes no file field over tRPC: uploads are declared for the REST layer only', () => {
    for (const operation of operations.filter((op) => op.rest.upload)) {
      const shape = (operation.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      expect(Object.keys(shape)).not.toContain(operation.rest.upload!.field);
    }
  });
});
