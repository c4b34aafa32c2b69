// The inner context every procedure sees; the HTTP layer builds it per request (tests build it directly).
import type { CoreDeps } from '@groupchat/core';
import type { UserDoc } from '@groupchat/db';

export type Locale = 'zh' | 'en';

export interface ApiContext {
  deps: CoreDeps;
  /** Public origin used for absolute URLs in responses, e.g. https://chat.example.com */
  baseUrl: string;
  locale: Locale;
  /** The raw Authorization header. */
  authorization: string | undefined;
  /** Set when the HTTP layer already authenticated the request (before buffering an upload). */
  authenticatedUser?: UserDoc;
}
