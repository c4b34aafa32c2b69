// Unsigned JSON control endpoints under /_emulator for tests and operators: faults, reset, state reads.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type EmulatorContext, resetContext } from './emulator-context.ts';
import { FaultSpecError, parseFaultSpec } from './fault-spec.ts';
import { readBody } from './read-body.ts';
import { sendJson } from './send-json.ts';

export const CONTROL_PREFIX = '/_emulator/';

const MAX_CONTROL_BODY_BYTES = 64 * 1024;

type ControlAction = (
  req: IncomingMessage,
  res: ServerResponse,
  context: EmulatorContext,
  id: string,
) => void | Promise<void>;

async function addFault(req: IncomingMessage, res: ServerResponse, context: EmulatorContext): Promise<void> {
  const body = await readBody(req, MAX_CONTROL_BODY_BYTES);
  try {
    const fault = parseFaultSpec(JSON.parse(body.text));
    context.faults.add(fault, Date.now());
    sendJson(res, 201, { fault });
  } catch (error) {
    if (!(error instanceof FaultSpecError || error instanceof SyntaxError)) throw error;
    sendJson(res, 400, { error: 'invalid_fault', message: error.message });
  }
}

const listFaults: ControlAction = (_req, res, context) =>
  sendJson(res, 200, context.faults.describe(Date.now()));

const clearFaults: ControlAction = (_req, res, context) => {
  context.faults.clear();
  sendJson(res, 200, { ok: true });
};

const reset: ControlAction = (_req, res, context) => {
  resetContext(context);
  sendJson(res, 200, { ok: true });
};

const readCalls: ControlAction = (_req, res, context) => sendJson(res, 200, context.state.getCalls());

/** A dismissed group is 404 even though its mute lists live on: they show again once it is re-created. */
const readGroup: ControlAction = (_req, res, context, id) => {
  const group = context.state.getGroup(id);
  if (group) sendJson(res, 200, { ...group, ...context.state.getGroupMutes(id, Date.now()) });
  else sendJson(res, 404, { error: 'not_found' });
};

/** Kept after dismissal, like a chat's history. */
const readMessages: ControlAction = (_req, res, context, id) =>
  sendJson(res, 200, context.state.getMessages(id));

const readUser: ControlAction = (_req, res, context, id) => {
  const user = context.state.getUser(id);
  if (!user) {
    sendJson(res, 404, { error: 'not_found' });
    return;
  }
  const { name, portraitUri, tokenCount } = user;
  sendJson(res, 200, { id, name, portraitUri, tokenCount });
};

const ROUTES: ReadonlyArray<{ pattern: RegExp; actions: Readonly<Record<string, ControlAction>> }> = [
  { pattern: /^faults$/, actions: { GET: listFaults, POST: addFault, DELETE: clearFaults } },
  { pattern: /^reset$/, actions: { POST: reset } },
  { pattern: /^calls$/, actions: { GET: readCalls } },
  { pattern: /^groups\/([^/]+)$/, actions: { GET: readGroup } },
  { pattern: /^groups\/([^/]+)\/messages$/, actions: { GET: readMessages } },
  { pattern: /^users\/([^/]+)$/, actions: { GET: readUser } },
];

function decodeId(segment: string | undefined): string | undefined {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return undefined;
  }
}

export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  context: EmulatorContext,
): Promise<void> {
  const routePath = path.slice(CONTROL_PREFIX.length);
  for (const { pattern, actions } of ROUTES) {
    const match = pattern.exec(routePath);
    if (!match) continue;
    const action = actions[req.method ?? ''];
    const id = decodeId(match[1]);
    if (!action) {
      res.setHeader('Allow', Object.keys(actions).join(', '));
      sendJson(res, 405, { error: 'method_not_allowed' });
    } else if (id === undefined) {
      sendJson(res, 404, { error: 'not_found' });
    } else {
      await action(req, res, context, id);
    }
    return;
  }
  sendJson(res, 404, { error: 'not_found' });
}
