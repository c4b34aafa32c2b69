// Django REST Framework's pagination habits that exist only over HTTP: how the text of `page` and `page_size` is
// read, and next/previous links that keep the rest of the client's query string (DRF's replace_query_param and
// remove_query_param). Which page numbers exist, and the page size used, are core's (shared/pagination.ts).
import { MAX_PAGE_SIZE } from '@groupchat/contracts';

// Python's int() on the text, as DRF reads both parameters: surrounding white space, a minus sign, leading zeros
// (not int()'s `+`, underscores or non-ASCII digits: no client sends those, and they only widen what is accepted).
const INTEGER_TEXT = /^\s*-?\d+\s*$/;

// The rest of the query string travels into two links of every page; a longer one (the request line may be up to
// 16 KiB) is left out of them rather than echoed, so an answer never grows with what a client pads its URL with.
export const MAX_ECHOED_QUERY = 2048;
const MAX_QUERY_PARAMETERS = 1000;

/** The last value of a repeated parameter, as Django's QueryDict gives it. */
const lastOf = (value: unknown) => (Array.isArray(value) ? value.at(-1) : value);

/** `page` and `page_size` as DRF reads them, ready for the operation's input schema. */
export function readPageParams(raw: Record<string, unknown>): Record<string, unknown> {
  const input = { ...raw };
  const page = lastOf(raw.page);
  // DRF: `query_params.get('page') or 1`; any other text names no page, as page 0 does (404 once authorized).
  if (page === undefined || page === '') delete input.page;
  else input.page = typeof page === 'string' && INTEGER_TEXT.test(page) ? safeInteger(page) : 0;
  const size = lastOf(raw.page_size);
  if (typeof size === 'string' && INTEGER_TEXT.test(size)) {
    input.page_size = safeInteger(size, MAX_PAGE_SIZE);
  } else {
    // Not a number at all: the default, as DRF falls back.
    delete input.page_size;
  }
  return input;
}

// Integer text beyond what a double holds exactly becomes `beyond`: for a page, 0 (no such page); for a size, more
// than the maximum (capped).
function safeInteger(text: string, beyond = 0): number {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : value > 0 ? beyond : 0;
}

interface PageLinks {
  next: string | null;
  previous: string | null;
}

const isPage = (output: unknown): output is PageLinks =>
  typeof output === 'object' && output !== null && 'next' in output && 'previous' in output;

/**
 * The page with its links rebuilt around the client's query string: every parameter kept, `page` replaced (or
 * dropped for page 1), sorted by name as DRF's urlencode(sorted(...)) writes them. Origin and path stay core's,
 * built from the validated public base URL.
 */
export function relinkPage<T>(output: T, search: string): T {
  if (!isPage(output)) return output;
  const clientQuery = groupedQuery(search);
  const relink = (link: string | null) => {
    if (link === null) return null;
    const target = new URL(link);
    const page = target.searchParams.get('page');
    const params = new Map(clientQuery);
    if (page === null) params.delete('page');
    else params.set('page', [page]);
    target.search = encode(params);
    return target.toString();
  };
  return { ...output, next: relink(output.next), previous: relink(output.previous) };
}

// parse_qs(keep_blank_values=True): values per name, names in first-seen order. A Map, so that `__proto__` is a
// name like any other. Past the bound only the pagination parameters are kept.
function groupedQuery(search: string): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  let read = 0;
  for (const [name, value] of new URLSearchParams(search)) {
    // Express's query parser reads the first 1000 parameters only; the links must not name one it ignored.
    if (++read > MAX_QUERY_PARAMETERS) break;
    const values = grouped.get(name);
    // Appended in place: thousands of repetitions of one name cost a pass, not a copy each.
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  if (encode(grouped).length <= MAX_ECHOED_QUERY) return grouped;
  const pagination = new Map<string, string[]>();
  for (const name of ['page', 'page_size']) {
    const values = grouped.get(name);
    if (values)
      pagination.set(
        name,
        values.slice(-1).map((value) => value.slice(0, 32)),
      );
  }
  return pagination;
}

function encode(params: Map<string, string[]>): string {
  const names = [...params.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const encoded = new URLSearchParams();
  for (const name of names) for (const value of params.get(name) ?? []) encoded.append(name, value);
  return encoded.toString();
}
