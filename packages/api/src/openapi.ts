// The OpenAPI document, generated from the router. trpc-to-openapi documents every error as its own
// {message, code, issues} body, success as 200 and paths without Django's trailing slash; this rewrites those
// parts to what the HTTP layer really answers.
import { ZErrorEnvelope } from '@groupchat/contracts';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { appRouter } from './router.ts';

type Operation = {
  responses: Record<string, { description: string; content?: unknown; headers?: unknown }>;
  requestBody?: {
    content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }>;
  };
  security?: unknown;
};

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { meta?: Record<string, unknown> } }
>;

export function createOpenApiDocument(version: string): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Group chat API',
    description:
      'Accounts, RongCloud tokens and chat groups. Paths end with a slash (the same path without it works too). ' +
      'Bodies may be JSON, form-urlencoded or multipart. Every error has the `ErrorEnvelope` shape. ' +
      'The same procedures are served over tRPC under `/trpc`.',
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
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    paths[`${path}/`] = operations as Record<string, Operation>;
  }
  for (const { path, method, meta } of Object.values(procedures).flatMap(openapiMeta)) {
    const operation = paths[`${path}/`]?.[method];
    if (operation) rewriteOperation(operation, meta);
  }
  return { ...document, paths } as OpenAPIObject;
}

function openapiMeta(procedure: { _def: { meta?: Record<string, unknown> } }) {
  const meta = procedure._def.meta;
  const openapi = meta?.openapi as { path: string; method: string } | undefined;
  return openapi && meta ? [{ path: openapi.path, method: openapi.method.toLowerCase(), meta }] : [];
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
  503: 'Database unavailable; retry later',
};

function rewriteOperation(operation: Operation, meta: Record<string, unknown>) {
  const responses: Operation['responses'] = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    if (status === '200') {
      responses[String(meta.successStatus ?? 200)] = response;
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
  operation.responses = responses;
  if (typeof meta.upload === 'string' && operation.requestBody)
    dropFileFromNonMultipart(operation, meta.upload);
}

// A file can only travel in multipart/form-data; JSON and urlencoded bodies document the other fields.
function dropFileFromNonMultipart(operation: Operation, field: string) {
  for (const [contentType, media] of Object.entries(operation.requestBody!.content)) {
    if (contentType === 'multipart/form-data') continue;
    const { [field]: _file, ...properties } = media.schema.properties ?? {};
    media.schema = { ...media.schema, properties };
  }
}
