// Outcome by body code (§1.1, §4): which answers succeed, which throw, and which are retried.
import { describe, expect, it } from 'vitest';
import { RongCloudError } from '../src/index.ts';
import {
  createTestClient,
  OK,
  type Reply,
  rejectionOf,
  startFakeRongCloud,
} from './helpers/fake-rongcloud.ts';

function scripted(replies: Reply[]): () => Reply {
  let index = 0;
  return () => replies[Math.min(index++, replies.length - 1)]!;
}

const refreshGroup = { groupId: 'g1', groupName: 'One' };

describe('success is judged by the body code', () => {
  it('HTTP 200 carrying code 1002 is a non-retryable error, sent once', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      status: 200,
      json: { code: 1002, errorMessage: 'groupId is required' },
    }));
    const error = await rejectionOf(createTestClient([server.url]).group.refresh(refreshGroup));
    expect(error).toBeInstanceOf(RongCloudError);
    expect(error).toMatchObject({
      code: 1002,
      httpStatus: 200,
      retryable: false,
      endpoint: '/group/refresh.json',
      serverMessage: 'groupId is required',
      attempts: 1,
    });
    expect((error as Error).message).toContain('groupId is required');
    expect(String((error as Error).stack)).toMatch(/^RongCloudError: /);
    expect(server.requests).toHaveLength(1);
  });

  it('a 4xx status carrying code 200 counts as success (the body is authoritative)', async () => {
    const server = await startFakeRongCloud('primary', () => ({ status: 400, json: { code: 200 } }));
    await expect(createTestClient([server.url]).group.refresh(refreshGroup)).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('a numeric-string code of "200" also counts as success', async () => {
    const server = await startFakeRongCloud('primary', () => ({ json: { code: '200' } }));
    await expect(createTestClient([server.url]).group.refresh(refreshGroup)).resolves.toBeUndefined();
  });

  it('a 200 body without a code is an invalid_response', async () => {
    const server = await startFakeRongCloud('primary', () => ({ json: { ok: true } }));
    const error = await rejectionOf(
      createTestClient([server.url], { maxRetries: 0 }).group.refresh(refreshGroup),
    );
    expect(error).toMatchObject({ code: 'invalid_response', httpStatus: 200 });
  });
});

describe('non-retryable business errors', () => {
  it.each([
    [401, 1004, 'signature error'],
    [401, 1001, 'app key mismatch'],
    [400, 1005, 'too long'],
    [403, 2007, 'dev quota'],
    [430, 1009, 'not enabled'],
  ])('HTTP %i with code %i is thrown at once, without retry', async (status, code, errorMessage) => {
    const server = await startFakeRongCloud('primary', () => ({ status, json: { code, errorMessage } }));
    const error = await rejectionOf(createTestClient([server.url]).group.refresh(refreshGroup));
    expect(error).toMatchObject({ code, httpStatus: status, retryable: false, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('a 4xx HTML page (wrong base URL) is a non-retryable invalid_response', async () => {
    const server = await startFakeRongCloud('primary', () => ({ status: 404, text: '<h1>Not Found</h1>' }));
    const error = await rejectionOf(createTestClient([server.url]).group.refresh(refreshGroup));
    expect(error).toMatchObject({ code: 'invalid_response', httpStatus: 404, retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe('retryable answers', () => {
  it('1008 / HTTP 429 is retried on the same host until it succeeds', async () => {
    const limited: Reply = { status: 429, json: { code: 1008, errorMessage: 'rate limited' } };
    const primary = await startFakeRongCloud('primary', scripted([limited, limited, OK]));
    const backup = await startFakeRongCloud('backup', () => OK);
    await createTestClient([primary.url, backup.url]).group.refresh(refreshGroup);
    expect(primary.requests).toHaveLength(3);
    expect(backup.requests).toHaveLength(0);
  });

  it('1008 is retried even when it arrives with HTTP 200', async () => {
    const server = await startFakeRongCloud('primary', scripted([{ json: { code: 1008 } }, OK]));
    await createTestClient([server.url]).group.refresh(refreshGroup);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [500, 1000],
    [504, 1050],
  ])('HTTP %i with code %i is retried and then succeeds', async (status, code) => {
    const server = await startFakeRongCloud('primary', scripted([{ status, json: { code } }, OK]));
    await createTestClient([server.url]).group.refresh(refreshGroup);
    expect(server.requests).toHaveLength(2);
  });

  it('stops after maxRetries and reports the last answer as retryable', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      status: 429,
      json: { code: 1008, errorMessage: 'rate limited' },
    }));
    const error = await rejectionOf(
      createTestClient([server.url], { maxRetries: 2 }).group.refresh(refreshGroup),
    );
    expect(error).toMatchObject({ code: 1008, httpStatus: 429, retryable: true, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('maxRetries 0 sends exactly once', async () => {
    const server = await startFakeRongCloud('primary', () => ({ status: 500, json: { code: 1000 } }));
    const error = await rejectionOf(
      createTestClient([server.url], { maxRetries: 0 }).group.refresh(refreshGroup),
    );
    expect(error).toMatchObject({ code: 1000, retryable: true, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('carries the X-Request-ID of the last attempt on the error', async () => {
    const server = await startFakeRongCloud('primary', () => ({ status: 429, json: { code: 1008 } }));
    const error = (await rejectionOf(
      createTestClient([server.url], { maxRetries: 1 }).group.refresh(refreshGroup),
    )) as RongCloudError;
    expect(error.requestId).toBe(server.requests.at(-1)?.headers['x-request-id']);
  });
});
