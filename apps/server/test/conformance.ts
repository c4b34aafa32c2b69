// Checks an answer of the REST API against the committed openapi.json: the status must be documented for its
// operation, and the body must have a documented content type and match its schema. The route is found as the
// server finds it (routes.ts), so an odd path is judged by the operation that really answered it.
import { readFileSync } from 'node:fs';
import { operationsOf } from '@groupchat/api';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildRoutes, matchRoute } from '../src/http/rest/routes.ts';
import { OPENAPI_PATH } from '../src/settings.ts';

interface MediaType {
  schema: object;
}
interface DocumentedOperation {
  operationId: string;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentedOperation>>;
  components: { schemas: Record<string, object> };
}

export const openApiDocument = (): OpenApiDocument =>
  JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApiDocument;

/**
 * JSON Schema 2020-12 (OpenAPI 3.1's dialect), resolving `#/components/...` against the document itself; OpenAPI's
 * own annotations (`example`) are not JSON Schema keywords, hence not strict.
 */
export function schemaValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: document.components });
  const cache = new Map<object, ValidateFunction>();
  return (schema: object, value: unknown): string | undefined => {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(rebase(schema) as object);
      cache.set(schema, validate);
    }
    return validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'body' });
  };
}

// The document's `#/components/...` references point into openapi.json, which holds the components.
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `openapi.json${value}`
        : rebase(value),
    ]),
  );
}

export interface ReceivedResponse {
  method: string;
  /** The request's path, query string included or not. */
  path: string;
  status: number;
  contentType: string | null;
  body: string;
}

export function createConformanceCheck(document: OpenApiDocument = openApiDocument()) {
  const routes = buildRoutes(operationsOf());
  const validate = schemaValidator(document);

  /** Why the answer contradicts the document, or undefined when it conforms or is not the document's to judge. */
  return (response: ReceivedResponse): string | undefined => {
    const pathname = new URL(response.path, 'http://localhost').pathname;
    const match = pathname.startsWith('/api/') ? matchRoute(routes, pathname) : undefined;
    if (!match) return undefined;
    const template = `${match.route.path}/`;
    const method = response.method.toUpperCase();
    // Preflight and HEAD are answered for every route by the transport, outside any operation.
    if (method === 'OPTIONS') return undefined;
    const operation = document.paths[template]?.[(method === 'HEAD' ? 'GET' : method).toLowerCase()];
    const name = `${method} ${template} → ${response.status}`;
    if (!operation) {
      return response.status === 405 ? undefined : `${name}: the document has no ${method} here`;
    }
    const documented = operation.responses[String(response.status)];
    if (!documented) return `${name} (${operation.operationId}): status not documented`;
    if (method === 'HEAD') return undefined;
    const content = documented.content;
    if (!content) {
      return response.body === ''
        ? undefined
        : `${name} (${operation.operationId}): a body where none is documented`;
    }
    const type = (response.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const media = content[type];
    if (!media) {
      return `${name} (${operation.operationId}): content type ${type || 'none'} not documented (${Object.keys(content).join(', ')})`;
    }
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return `${name} (${operation.operationId}): the body is not JSON`;
    }
    const failure = validate(media.schema, body);
    return failure ? `${name} (${operation.operationId}): ${failure}` : undefined;
  };
}
