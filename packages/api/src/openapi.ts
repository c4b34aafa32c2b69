// The OpenAPI document, generated from the router. trpc-to-openapi documents every error as its own
// {message, code, issues} body, success as 200, paths without Django's trailing slash and no examples, and knows
// nothing of what the REST layer adds (legacy method aliases, uploads, body parsing); this rewrites those parts to
// what is really served. Error statuses come from the error codes each procedure declares it raises (`raises`) and
// from what the transport adds to every request of its kind, mapped to statuses by the contracts' one error table.
import {
  DEFAULT_PAGE_SIZE,
  ERRORS,
  type ErrorCode,
  type ErrorEnvelope,
  MAX_PAGE_SIZE,
  ZErrorEnvelope,
} from '@groupchat/contracts';
import { TRPCError } from '@trpc/server';
import { sample } from 'openapi-sampler';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { toEnvelope } from './error-envelope.ts';
import { type Operation as ApiOperation, operationsOf } from './operations.ts';
import { appRouter } from './router.ts';
import type { Access, Raised } from './trpc.ts';

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  examples?: unknown[];
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  required?: string[];
  [key: string]: unknown;
};

type Response = { description: string; content?: Record<string, MediaType>; headers?: unknown };
type MediaType = { schema: Schema; example?: unknown; examples?: Record<string, unknown> };
type Parameter = {
  in: string;
  name: string;
  required?: boolean;
  description?: string;
  schema: Schema;
  example?: unknown;
};

type DocumentedOperation = {
  operationId?: string;
  'x-alias-of'?: string;
  description?: string;
  parameters?: Parameter[];
  responses: Record<string, Response>;
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  security?: unknown;
};

const TAGS = [
  { name: 'accounts', description: 'Registration, login, the caller’s profile and RongCloud token' },
  { name: 'groups', description: 'Chat groups: creation, membership, face-to-face codes and governance' },
  { name: 'invitations', description: 'Invitations sent instead of pulling in users who asked for approval' },
];

export function createOpenApiDocument(version: string): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Group chat API',
    description: `${INTRODUCTION}\n\n${errorTable()}`,
    version,
    baseUrl: '/',
    securitySchemes: {
      TokenAuth: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: '`Token <token>` (Django REST Framework style) or `Bearer <token>`',
      },
    },
    defs: { ErrorEnvelope: ZErrorEnvelope },
  });
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  // trpc-to-openapi's own error bodies ({message, code, issues}); nothing answers with them.
  for (const name of Object.keys(schemas)) if (name.startsWith('error.')) delete schemas[name];
  for (const schema of Object.values(schemas)) addFieldExamples(schema);
  const paths: Record<string, Record<string, DocumentedOperation>> = {};
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    paths[`${path}/`] = operations as Record<string, DocumentedOperation>;
  }
  for (const operation of operationsOf()) {
    const documented = paths[`${operation.path}/`]?.[operation.method.toLowerCase()];
    if (!documented) continue;
    rewriteOperation(documented, operation, schemas);
    for (const alias of operation.rest.aliases ?? []) {
      paths[`${operation.path}/`]![alias.toLowerCase()] = aliasOf(documented, operation, alias);
    }
  }
  return { ...document, tags: TAGS, paths } as OpenAPIObject;
}

const INTRODUCTION =
  'Accounts, RongCloud tokens and chat groups. Paths end with a slash (the same path without it works too). ' +
  'Bodies may be JSON, form-urlencoded or multipart; numbers and booleans may be sent as strings. Every error ' +
  'has the `ErrorEnvelope` shape, its `detail` in Chinese unless `Accept-Language` prefers English. The same ' +
  'operations are served over tRPC under `/trpc`.';

function errorTable(): string {
  const rows = Object.entries(ERRORS).map(
    ([code, { status, zh, en }]) => `| \`${code}\` | ${status} | ${zh} | ${en} |`,
  );
  return ['## Error codes', '', '| code | status | zh | en |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

type RaisedError = { code: ErrorCode; status: number };

/** Every error an operation can answer with: its services' own, then what its kind of request can meet. */
export function errorsOf(operation: ApiOperation, method: string = operation.method): RaisedError[] {
  const access: Access = operation.access;
  const codes: Raised[] = [
    'validation_error',
    // checkRequestOrigin refuses a Host or X-Forwarded-* that gives no usable origin, before any route.
    'bad_request',
    ...(access === 'required' ? (['not_authenticated', 'authentication_failed'] as const) : []),
    // An optional-auth operation still refuses a token it cannot verify.
    ...(access === 'optional' ? (['authentication_failed'] as const) : []),
    // The REST layer parses the body of every body method, whether or not the procedure takes one.
    ...(BODY_METHODS.has(method)
      ? (['parse_error', 'payload_too_large', 'unsupported_media_type'] as const)
      : []),
    ...(operation.rest.upload && BODY_METHODS.has(method)
      ? (['file_too_large', 'unsupported_media_type'] as const)
      : []),
    ...operation.raises,
    'method_not_allowed',
    // Node's HTTP parser answers these before any route: headers or URL too large, a request too slow to arrive.
    'request_timeout',
    'headers_too_large',
    // A bug: the bare envelope, nothing of the failure.
    'internal_error',
    // The database or (for what waits on it) RongCloud out of reach, or the instance draining.
    'service_unavailable',
  ];
  const seen = new Map<string, RaisedError>();
  for (const raised of codes) {
    const error =
      typeof raised === 'string' ? { code: raised, status: ERRORS[raised].status } : { ...raised };
    seen.set(`${error.status} ${error.code}`, error);
  }
  return [...seen.values()];
}

function errorResponses(operation: ApiOperation, method: string): Record<string, Response> {
  const byStatus = new Map<number, RaisedError[]>();
  for (const error of errorsOf(operation, method)) {
    byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  }
  const responses: Record<string, Response> = {};
  for (const status of [...byStatus.keys()].sort()) {
    const errors = byStatus.get(status)!;
    const headers = {
      ...(status === 429 || status === 503
        ? { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before retrying' } }
        : {}),
      ...(status === 401
        ? { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'The scheme to use: `Token`' } }
        : {}),
    };
    responses[String(status)] = {
      description: errors.map(({ code }) => `\`${code}\`: ${ERRORS[code].en}`).join('; '),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorEnvelope' },
          examples: Object.fromEntries(
            errors.map(({ code }) => [
              code,
              { summary: ERRORS[code].en, value: envelopeExample(operation, code) },
            ]),
          ),
        },
      },
    };
  }
  return responses;
}

// The envelope the server really sends (zh, its default language); a validation error shows what an empty input
// gets from the procedure's own schema.
function envelopeExample(operation: ApiOperation, code: ErrorCode): ErrorEnvelope {
  if (code === 'validation_error' && operation.input) {
    const parsed = operation.input.safeParse({});
    if (!parsed.success) {
      const error = new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
      return toEnvelope(error, 'zh').envelope;
    }
  }
  return { detail: ERRORS[code].zh, code };
}

function rewriteOperation(
  documented: DocumentedOperation,
  operation: ApiOperation,
  schemas: Record<string, Schema>,
) {
  const responses: DocumentedOperation['responses'] = {};
  const success = documented.responses['200']!;
  for (const media of Object.values(success.content ?? {})) {
    addFieldExamples(media.schema);
    media.example = sample(media.schema as never, { skipReadOnly: true }, { components: { schemas } });
  }
  responses[String(operation.rest.successStatus ?? 200)] = {
    ...success,
    description: operation.rest.successStatus === 201 ? 'Created' : 'OK',
  };
  const accepted = operation.rest.acceptedWhen;
  if (accepted) {
    responses['202'] = { ...success, description: `Accepted: the answer carries \`${accepted}\`` };
  }
  documented.responses = { ...responses, ...errorResponses(operation, operation.method) };
  documented.security = securityOf(operation.access);
  documented.parameters = [...(documented.parameters ?? []).map(withLimits), ACCEPT_LANGUAGE];
  const body = documented.requestBody;
  if (body) {
    const upload = operation.rest.upload;
    const multipart = body.content['multipart/form-data'];
    if (upload && multipart) {
      // A file can only travel in multipart/form-data, and only over REST: the procedure's input has no such field.
      multipart.schema = {
        ...multipart.schema,
        properties: {
          ...multipart.schema.properties,
          [upload.field]: { type: 'string', format: 'binary', description: upload.description },
        },
      };
    }
    // JSON first: Swagger UI and most generators pick the first content type.
    const order = (type: string) => (type === 'application/json' ? 0 : 1);
    body.content = Object.fromEntries(Object.entries(body.content).sort(([a], [b]) => order(a) - order(b)));
    for (const media of Object.values(body.content)) {
      addFieldExamples(media.schema);
      const { [upload?.field ?? '']: _file, ...example } = sample(media.schema as never) as Record<
        string,
        unknown
      >;
      media.example = example;
    }
  }
}

function securityOf(access: Access) {
  if (access === 'required') return [{ TokenAuth: [] }];
  // Anonymous or with a token: `{}` is the anonymous alternative.
  if (access === 'optional') return [{}, { TokenAuth: [] }];
  return [];
}

const ACCEPT_LANGUAGE: Parameter = {
  in: 'header',
  name: 'Accept-Language',
  required: false,
  description: 'Language of error messages: Chinese (`zh`, the default) or English (`en`)',
  schema: { type: 'string', default: 'zh', examples: ['zh', 'en'] },
  example: 'en',
};

// The pagination contract takes any integer, as Django REST Framework does: a page below 1 is a 404, a size out of
// range falls back to the default or is capped. The document states the values that do what they say.
const PARAMETER_LIMITS: Record<string, Schema> = {
  page: { minimum: 1, default: 1 },
  page_size: { minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
};

function withLimits(parameter: Parameter): Parameter {
  const schema = { ...parameter.schema, ...PARAMETER_LIMITS[parameter.name] };
  addFieldExamples(schema, parameter.name);
  return { ...parameter, schema, example: sample(schema as never) };
}

// Values Swagger's try-it-out can send as they are: what a schema's type alone yields ("string", 0) fails the
// phone-number and code patterns and names no existing user or group.
const FIELD_EXAMPLES: Record<string, unknown> = {
  username: '13800138000',
  password: 'correct horse',
  name: '周末徒步群',
  nick: '小周',
  code: '2468',
  announcement: '周六早上八点地铁站集合',
  detail: '操作成功',
  token: '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b',
  id: 42,
  userid: 7,
  owner: 7,
  invitation: 3,
  member_count: 3,
  minutes: 60,
  page: 1,
  page_size: DEFAULT_PAGE_SIZE,
  count: 1,
  next: null,
  previous: null,
};

const DATE_TIME_EXAMPLE = '2026-01-05T08:30:00.000Z';

function addFieldExamples(schema: Schema, name?: string) {
  if (schema.$ref) return;
  const known = name === undefined ? undefined : FIELD_EXAMPLES[name];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.examples === undefined && schema.enum === undefined && schema.format !== 'binary') {
    if (known === null) {
      // Only where null is allowed: the branches of an anyOf each keep an example of their own type.
      if (schema.anyOf) schema.examples = [null];
    } else if (known !== undefined && typeof known === (type === 'integer' ? 'number' : type)) {
      schema.examples = [known];
    } else if (type === 'string' && schema.format === 'uri') {
      schema.examples = [`https://chat.example.com/media/${name ?? 'file'}/1.webp`];
    } else if (type === 'string' && name?.endsWith('_at')) {
      schema.examples = [DATE_TIME_EXAMPLE];
    } else if (type === 'string' && name === 'muted_until') {
      schema.examples = [DATE_TIME_EXAMPLE];
    } else if (type === 'integer') {
      schema.examples = [1];
    }
  }
  for (const [property, child] of Object.entries(schema.properties ?? {})) addFieldExamples(child, property);
  if (schema.items) addFieldExamples(schema.items, name === 'userids' ? 'userid' : name);
  for (const child of schema.anyOf ?? []) addFieldExamples(child, name);
}

// The same operation under a legacy method: same parameters and answers, no body (so none of its errors).
function aliasOf(
  documented: DocumentedOperation,
  operation: ApiOperation,
  alias: string,
): DocumentedOperation {
  const { requestBody: _body, ...rest } = documented;
  const success = Object.fromEntries(
    Object.entries(documented.responses).filter(([status]) => Number(status) < 400),
  );
  return {
    ...rest,
    operationId: `${documented.operationId ?? operation.name}-${alias.toLowerCase()}`,
    'x-alias-of': operation.method,
    description:
      `${documented.description ? `${documented.description} ` : ''}` +
      `The same operation as \`${operation.method}\`, kept for legacy clients.`,
    responses: { ...success, ...errorResponses(operation, alias) },
  };
}
