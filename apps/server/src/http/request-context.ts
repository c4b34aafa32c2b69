// Builds a procedure's context from an Express request: public origin, language, credentials.
import type { ApiContext, Locale } from '@groupchat/api';
import type { CoreDeps } from '@groupchat/core';
import type { Request, Response } from 'express';
import { requestOriginOf } from './request-origin.ts';

export interface HttpSettings {
  /** Origin for absolute URLs; derived from each request (Host, X-Forwarded-* from trusted proxies) when unset. */
  publicBaseUrl?: string;
}

export const localeOf = (req: Request): Locale => (req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh');

// checkRequestOrigin (app.ts) has refused requests whose origin is unusable; the fallback is for any caller that
// skipped it, so that no link can carry a client's `javascript:` or `a@b`.
export function baseUrlOf(req: Request, settings: HttpSettings): string {
  return settings.publicBaseUrl ?? requestOriginOf(req) ?? 'http://localhost';
}

export function contextFor(req: Request, res: Response, deps: CoreDeps, settings: HttpSettings): ApiContext {
  return {
    deps,
    baseUrl: baseUrlOf(req, settings),
    locale: localeOf(req),
    authorization: req.headers.authorization,
    knownCaller: res.locals.caller,
  };
}
