// What a reader or a generator of openapi.json relies on: every status an operation answers, the real envelope with
// real codes, exact security, examples a try-it-out can send as they are, and the conformance check that holds the
// document to the server's answers.
import { ERRORS } from '@groupchat/contracts';
import { describe, expect, it } from 'vitest';
import { createConformanceCheck, openApiDocument, schemaValidator } from './conformance.ts';

interface Media {
  schema: object;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  operationId: string;
  security?: object[];
  parameters?: {
    name: string;
    in: string;
    schema: { default?: unknown; minimum?: number; maximum?: number };
    example?: unknown;
  }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media>; headers?: Record<string, unknown> }>;
}

const document = openApiDocument() as unknown as {
  info: { description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, ...operation })),
);
const byId = (id: string) => operations.find((operation) => operation.operationId === id)!;
const statusesOf = (id: string) => Object.keys(byId(id).responses);
const codesOf = (id: string, status: number) =>
  Object.keys(byId(id).responses[String(status)]?.content?.['application/json']?.examples ?? {});

describe('openapi.json', () => {
  it('answers every error with the ErrorEnvelope, never trpc-to-openapi’s own error bodies', () => {
    expect(Object.keys(document.components.schemas).filter((name) => name.startsWith('error.'))).toEqual([]);
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.['application/json']?.schema, `${operation.operationId} ${status}`).toEqual({
          $ref: '#/components/schemas/ErrorEnvelope',
        });
        const examples = Object.entries(response.content!['application/json']!.examples ?? {});
        expect(examples.length, `${operation.operationId} ${status} has examples`).toBeGreaterThan(0);
        for (const [code, example] of examples) {
          const value = example.value as { code: keyof typeof ERRORS; detail: string };
          expect(value.code).toBe(code);
          expect(value.detail).toBe(ERRORS[value.code].zh);
        }
      }
    }
  });

  it('documents the statuses each operation’s services and transport can answer', () => {
    expect(statusesOf('accounts-login')).toContain('429');
    expect(codesOf('groups-create', 409)).toEqual(['code_taken']);
    expect(statusesOf('groups-create')).toEqual(expect.arrayContaining(['413', '415', '429']));
    expect(codesOf('groups-create', 413)).toEqual(['payload_too_large', 'file_too_large']);
    expect(codesOf('groups-retrieve', 401)).toEqual(['authentication_failed']);
    expect(codesOf('groups-joinWithCode', 404)).toContain('code_invalid');
    expect(codesOf('groups-joinByCode', 400)).toContain('code_invalid');
    expect(statusesOf('accounts-register')).not.toContain('401');
    for (const operation of operations) {
      expect(operation.responses, operation.operationId).toHaveProperty('503');
      expect(operation.responses, operation.operationId).toHaveProperty('405');
      expect(operation.responses, operation.operationId).toHaveProperty('431');
      expect(operation.responses, operation.operationId).toHaveProperty('500');
      if (operation.requestBody) expect(operation.responses, operation.operationId).toHaveProperty('415');
      if (operation.responses['429'])
        expect(operation.responses['429'].headers).toHaveProperty('Retry-After');
    }
  });

  it('states exactly who may call: nobody’s token, an optional one, or a required one', () => {
    const security = (id: string) => byId(id).security;
    // register and login never read credentials (publicProcedure); retrieve reads one to show members the code.
    expect(security('accounts-register')).toEqual([]);
    expect(security('accounts-login')).toEqual([]);
    expect(security('groups-retrieve')).toEqual([{}, { TokenAuth: [] }]);
    expect(security('groups-create')).toEqual([{ TokenAuth: [] }]);
    for (const operation of operations) expect(operation.security, operation.operationId).toBeDefined();
  });

  it('gives every request, parameter and response an example its own schema accepts', () => {
    const validate = schemaValidator(document as never);
    for (const operation of operations) {
      for (const parameter of operation.parameters ?? []) {
        expect(parameter.example, `${operation.operationId} ${parameter.name}`).toBeDefined();
        expect(
          validate(parameter.schema, parameter.example),
          `${operation.operationId} ${parameter.name}`,
        ).toBe(undefined);
      }
      const media = [
        ...Object.values(operation.requestBody?.content ?? {}),
        ...Object.values(operation.responses).flatMap((response) => Object.values(response.content ?? {})),
      ];
      for (const { schema, example, examples } of media) {
        const values = example !== undefined ? [example] : Object.values(examples ?? {}).map((e) => e.value);
        expect(values.length, operation.operationId).toBeGreaterThan(0);
        for (const value of values) expect(validate(schema, value), operation.operationId).toBe(undefined);
      }
    }
    const join = byId('groups-joinByCode').requestBody!.content['application/json']!.example;
    expect(join).toMatchObject({ code: expect.stringMatching(/^\d{4}$/) });
  });

  it('states pagination limits and defaults, the language header, JSON first, tags and every error code', () => {
    const parameters = byId('groups-listMembers').parameters!;
    expect(parameters.find((p) => p.name === 'page')!.schema).toMatchObject({ minimum: 1, default: 1 });
    expect(parameters.find((p) => p.name === 'page_size')!.schema).toMatchObject({
      minimum: 1,
      maximum: 100,
      default: 20,
    });
    for (const operation of operations) {
      expect(operation.parameters?.map((p) => `${p.in} ${p.name}`)).toContain('header Accept-Language');
      const types = Object.keys(operation.requestBody?.content ?? { 'application/json': {} });
      expect(types[0], operation.operationId).toBe('application/json');
    }
    expect(document.tags.map((tag) => tag.name)).toEqual(['accounts', 'groups', 'invitations']);
    for (const [code, { status, zh, en }] of Object.entries(ERRORS)) {
      expect(document.info.description).toContain(`| \`${code}\` | ${status} | ${zh} | ${en} |`);
    }
  });
});

describe('the conformance check', () => {
  const check = createConformanceCheck();
  const answer = { method: 'POST', path: '/api/auth/login/', contentType: 'application/json; charset=utf-8' };

  it('passes an answer the document describes, and leaves paths outside it alone', () => {
    expect(
      check({ ...answer, status: 400, body: '{"detail":"输入数据有误。","code":"validation_error"}' }),
    ).toBe(undefined);
    expect(check({ ...answer, path: '/_emulator/state', status: 418, body: '' })).toBe(undefined);
    expect(check({ ...answer, path: '/metrics', status: 401, body: '' })).toBe(undefined);
    expect(check({ ...answer, method: 'PUT', status: 405, body: '{}' })).toBe(undefined);
  });

  it('names the operation and status of an undocumented status, body or content type', () => {
    expect(check({ ...answer, status: 418, body: '{}' })).toBe(
      'POST /api/auth/login/ → 418 (accounts-login): status not documented',
    );
    expect(check({ ...answer, status: 400, body: '{"message":"x","issues":[]}' })).toMatch(
      /^POST \/api\/auth\/login\/ → 400 \(accounts-login\): body must have required property 'detail'/,
    );
    expect(check({ ...answer, status: 400, contentType: 'text/html', body: '<p>' })).toMatch(
      /→ 400 \(accounts-login\): content type text\/html not documented/,
    );
    expect(check({ ...answer, method: 'PUT', status: 200, body: '{}' })).toBe(
      'PUT /api/auth/login/ → 200: the document has no PUT here',
    );
  });

  it('judges an answer by the operation that served its path, however it was spelled', () => {
    expect(check({ ...answer, path: '/api/auth/login?x=1', status: 418, body: '{}' })).toMatch(
      /^POST \/api\/auth\/login\/ → 418/,
    );
  });
});
