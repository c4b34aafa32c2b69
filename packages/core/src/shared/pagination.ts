// Django REST Framework's page-number pagination: absolute next/previous links, 404 "Invalid page." for a page
// that does not exist (zero, negative, past the last), a page size above the maximum capped and an unusable one
// replaced by the default (DRF's `_positive_int(strict=True, cutoff=max_page_size)`).
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageQuery } from '@groupchat/contracts';
import { AppError } from './app-error.ts';

// Nothing we list comes near this many items, and the database refuses skips beyond 64 bits: a page this far out
// is past the end whatever the count, and is refused before any query.
const MAX_SKIP = 2 ** 31 - 1;

export interface PageWindow {
  page: number;
  pageSize: number;
  skip: number;
}

const invalidPage = () => new AppError('not_found', { detail: 'invalid_page' });

export function pageSizeOf(requested: number | undefined): number {
  if (requested === undefined || !Number.isSafeInteger(requested) || requested < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(requested, MAX_PAGE_SIZE);
}

export function pageWindow(query: PageQuery): PageWindow {
  const page = query.page ?? 1;
  const pageSize = pageSizeOf(query.page_size);
  if (!Number.isSafeInteger(page) || page < 1 || (page - 1) * pageSize > MAX_SKIP) throw invalidPage();
  return { page, pageSize, skip: (page - 1) * pageSize };
}

/** `url` is the absolute URL of the listing without pagination parameters. */
export function buildPage<T>(
  query: PageQuery,
  listing: { count: number; results: T[]; url: string },
): Page<T> {
  const window = pageWindow(query);
  const { count, results, url } = listing;
  if (window.page > 1 && window.skip >= count) throw invalidPage();
  // The REST layer puts the client's own query string around `page` instead (DRF's replace_query_param).
  const link = (page: number) => {
    const target = new URL(url);
    if (page > 1) target.searchParams.set('page', String(page));
    if (query.page_size !== undefined) target.searchParams.set('page_size', String(window.pageSize));
    return target.toString();
  };
  return {
    count,
    next: window.skip + results.length < count ? link(window.page + 1) : null,
    previous: window.page > 1 ? link(window.page - 1) : null,
    results,
  };
}
