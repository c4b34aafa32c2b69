// Building blocks shared by every domain's contracts: ids, pagination, uploads, the success detail.
// Inputs are typed as a TypeScript caller sends them (numbers as numbers, booleans as booleans); the REST layer
// turns the strings of paths, queries and forms into those types before they reach a procedure.
import { z } from 'zod';

/** A positive integer id of a user or a group. */
export const ZId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ZGroupIdRequest = z.object({ id: ZId.describe('Group id') });
export type GroupIdRequest = z.infer<typeof ZGroupIdRequest>;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Django REST Framework's PageNumberPagination is lenient where it can be: a page number that names no page is a
// 404 "Invalid page." (core's pagination, after authorization), a page size it cannot use falls back or is capped.
export const ZPageQuery = z.object({
  page: z
    .number()
    .int()
    .optional()
    .describe('1-based page number (default 1); zero, negative or past the last page: 404 "Invalid page."'),
  page_size: z
    .number()
    .int()
    .optional()
    .describe(
      `Items per page (default ${DEFAULT_PAGE_SIZE}); above ${MAX_PAGE_SIZE} counts as ${MAX_PAGE_SIZE}, zero or negative as the default`,
    ),
});
export type PageQuery = z.infer<typeof ZPageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int().describe('Total number of items'),
    next: z.string().url().nullable().describe('Absolute URL of the next page, or null'),
    previous: z.string().url().nullable().describe('Absolute URL of the previous page, or null'),
    results: z.array(item),
  });

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** A file received as multipart/form-data by the REST layer; it never travels over tRPC. */
export interface UploadedFile {
  buffer: Buffer;
  originalName: string;
  mimeType: string;
  size: number;
}

export const SUCCESS_DETAIL = '操作成功';

export const ZDetail = z.object({ detail: z.string().describe(`${SUCCESS_DETAIL} on success`) });
export type Detail = z.infer<typeof ZDetail>;
