// The OpenAPI document, generated from the router. trpc-to-openapi documents every error as its own
// {message, code, issues} body, success as 200 and paths without Django's trailing slash, and knows nothing of
// what the REST layer adds (legacy method aliases, uploads); this rewrites those parts to what is really served.
import { ZErrorEnvelope } from '@groupchat/contracts';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { type Operation as ApiOperation, operationsOf } from './operations.ts';
import { appRouter } from './router.ts';

type DocumentedOperation = {
  operationId?: string;
  'x-alias-of'?: string;
  description?: string;
  parameters?: unknown[];
  responses: Record<string, { description: string; content?: unknown; headers?: unknown }>;
  requestBody?: {
    content: Record<
      string,
      { schema: { type?: string; properties?: Record<string, unknown>; required?: string[] } }
    >;
  };
  security?: unknown;
};

export function createOpenApiDocument(version: string): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Group chat API',
    description:
      'Accounts, RongCloud tokens and chat groups. Paths end with a slash (the same path without it works too). ' +
      'Bodies may be JSON, form-urlencoded or multipart; numbers and booleans may be sent as strings. Every error ' +
      'has the `ErrorEnvelope` shape. The same operations are served over tRPC under `/trpc`.',
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
  const paths: Record<string, Record<string, DocumentedOperation>> = {};
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    paths[`${path}/`] = operations as Record<string, DocumentedOperation>;
  }
  for (const operation of operationsOf()) {
    const documented = paths[`${operation.path}/`]?.[operation.method.toLowerCase()];
    if (!documented) continue;
    rewriteOperation(documented, operation);
    for (const alias of operation.rest.aliases ?? []) {
      paths[`${operation.path}/`]![alias.toLowerCase()] = aliasOf(documented, operation, alias);
    }
  }
  return { ...document, paths } as OpenAPIObject;
}

const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: 'Invalid input (`validation_error`, with `fields`) or a refused operation',
  401: 'Missing or invalid credentials',
  403: 'Not allowed to do this',
  404: 'No such resource',
  409: 'Conflict with the current state',
  413: 'Upload or body too large',
  415: 'Unsupported content type or not an image',
  429: 'Throttled; retry after `Retry-After` seconds',
  500: 'Unexpected error (never with internals)',
  503: 'Database or media store unavailable; retry after `Retry-After` seconds',
};

function rewriteOperation(documented: DocumentedOperation, operation: ApiOperation) {
  const responses: DocumentedOperation['responses'] = {};
  for (const [status, response] of Object.entries(documented.responses)) {
    if (status === '200') {
      responses[String(operation.rest.successStatus ?? 200)] = response;
      const accepted = operation.rest.acceptedWhen;
      if (accepted) {
        responses['202'] = { ...response, description: `Accepted: the answer carries \`${accepted}\`` };
      }
      continue;
    }
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? response.description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      ...(status === '429'
        ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } } }
        : {}),
    };
  }
  documented.responses = responses;
  const upload = operation.rest.upload;
  const multipart = documented.requestBody?.content['multipart/form-data'];
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
}

// The same operation under a legacy method: same parameters and answers, no body.
function aliasOf(
  documented: DocumentedOperation,
  operation: ApiOperation,
  alias: string,
): DocumentedOperation {
  const { requestBody: _body, ...rest } = documented;
  return {
    ...rest,
    operationId: `${documented.operationId ?? operation.name}-${alias.toLowerCase()}`,
    'x-alias-of': operation.method,
    description:
      `${documented.description ? `${documented.description} ` : ''}` +
      `The same operation as \`${operation.method}\`, kept for legacy clients.`,
  };
}
