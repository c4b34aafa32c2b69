// Django REST Framework's page-number pagination: absolute next/previous links, 404 past the last page.
import { DEFAULT_PAGE_SIZE, type Page, type PageQuery } from '@groupchat/contracts';
import { AppError } from './app-error.ts';

export interface PageWindow {
  page: number;
  pageSize: number;
  skip: number;
}

export function pageWindow(query: PageQuery): PageWindow {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, skip: (page - 1) * pageSize };
}

/** `url` is the absolute URL of the listing without pagination parameters. */
export function buildPage<T>(
  query: PageQuery,
  listing: { count: number; results: T[]; url: string },
): Page<T> {
  const window = pageWindow(query);
  const { count, results, url } = listing;
  if (window.page > 1 && window.skip >= count) throw new AppError('not_found', { detail: 'invalid_page' });
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
