// The documented operations, read from the committed openapi.json (kept equal to the router by http.test.ts), so
// that a new endpoint is fuzzed and checked for authentication without anyone listing it here.
import { readFileSync } from 'node:fs';
import { OPENAPI_PATH } from '../../src/settings.ts';

export interface Operation {
  /** e.g. `groups-create`; the tRPC path is the same with a dot. */
  id: string;
  /** The documented method this one is a legacy alias of (REST only), e.g. GET for POST on quit. */
  aliasOf?: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** As documented, e.g. `/api/im/group/{id}/join/`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** Body fields over every content type, files included. */
  bodyFields: string[];
  /** The multipart field that carries a file, when the operation takes one. */
  fileField?: string;
  authenticated: boolean;
}

interface OpenApiOperation {
  operationId: string;
  'x-alias-of'?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: {
    content: Record<string, { schema: { properties?: Record<string, { format?: string }> } }>;
  };
  security?: unknown[];
}

export function documentedOperations(): Operation[] {
  const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): Operation => {
      const parameters = operation.parameters ?? [];
      const properties = Object.values(operation.requestBody?.content ?? {}).flatMap((content) =>
        Object.entries(content.schema.properties ?? {}),
      );
      const fileField = properties.find(([, schema]) => schema.format === 'binary')?.[0];
      return {
        id: operation.operationId,
        ...(operation['x-alias-of'] ? { aliasOf: operation['x-alias-of'] } : {}),
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: [...new Set(properties.map(([name]) => name))],
        ...(fileField ? { fileField } : {}),
        // `{}` among the alternatives is anonymous access: the token is optional.
        authenticated:
          (operation.security ?? []).length > 0 &&
          !(operation.security ?? []).some((scheme) => Object.keys(scheme as object).length === 0),
      };
    }),
  );
}

/** The path with each `{param}` replaced by the (already encoded) value `valueFor` gives. */
export const fillPath = (path: string, valueFor: (param: string) => string) =>
  path.replace(/\{(\w+)\}/g, (_, param: string) => valueFor(param));

export const trpcPathOf = (operation: Operation) => operation.id.split('-').slice(0, 2).join('.');
