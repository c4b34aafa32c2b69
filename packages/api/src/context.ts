// The inner context every procedure sees; each transport builds it per request (tests build it directly).
import type { UploadedFile } from '@groupchat/contracts';
import type { Caller, CoreDeps } from '@groupchat/core';

export type Locale = 'zh' | 'en';

export interface ApiContext {
  deps: CoreDeps;
  /** Public origin used for absolute URLs in responses, e.g. https://chat.example.com */
  baseUrl: string;
  locale: Locale;
  /** The raw Authorization header. */
  authorization: string | undefined;
  /** Set when the transport already identified the caller (the REST layer does, before buffering an upload). */
  knownCaller?: Caller;
  /** The file of a multipart REST request; tRPC requests never carry one. */
  upload?: UploadedFile;
}
