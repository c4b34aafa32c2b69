// Building blocks shared by every domain's contracts: wire coercions, ids, pagination, uploads.
import { z } from 'zod';

/** A positive integer that may arrive as a JSON number or as a decimal string (forms, paths, DRF clients). */
export const ZId = z
  .union([
    z.number(),
    z.string().trim().regex(/^\d+$/, { error: 'must be a positive integer' }).transform(Number),
  ])
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

export const ZIdParam = z.object({ id: ZId.describe('Group id') });

export const ZPageQuery = z.object({
  page: z
    .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
    .pipe(z.number().int().min(1))
    .optional()
    .describe('1-based page number (default 1)'),
  page_size: z
    .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
    .pipe(z.number().int().min(1).max(100))
    .optional()
    .describe('Items per page (default 20, at most 100)'),
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

/** A file received through multipart/form-data; never constructible from JSON, so JSON bodies cannot fake one. */
export interface UploadedFile {
  buffer: Buffer;
  originalName: string;
  mimeType: string;
  size: number;
}

export const ZUploadedFile = z
  .custom<UploadedFile>(
    (value) => typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).buffer),
    {
      error: 'must be a file uploaded as multipart/form-data',
    },
  )
  .meta({ override: { type: 'string', format: 'binary' } } as never);

export const ZDetail = z.object({ detail: z.string().describe('操作成功 on success') });
