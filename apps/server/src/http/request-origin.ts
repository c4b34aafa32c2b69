// The origin a request names (Host, or X-Forwarded-Host / -Proto from a trusted proxy), checked before anything
// builds a URL from it: only http or https, and a host that is a hostname or IP address with an optional port.
// Anything else (`a@b`, `javascript:`, spaces, paths) was a 500 in tRPC's URL parsing or a link to elsewhere.
import { AppError } from '@groupchat/core';
import type { Request, RequestHandler } from 'express';
import { sendError } from './send-error.ts';

/** `host` lowercased when it is hostname[:port] and nothing more, by the WHATWG URL parser; otherwise undefined. */
export function parseHost(host: string): string | undefined {
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return undefined;
  }
  const given = host.toLowerCase();
  // The parser normalises (drops port 80, decodes %xx, maps Unicode): anything it changed was not plain.
  const plain = url.host === given || `${url.hostname}:80` === given;
  const onlyHost = !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  return plain && onlyHost ? given : undefined;
}

const PROTOCOLS = new Set(['http', 'https']);

/** The request's origin as links should name it, or undefined when its Host or forwarded headers are unusable. */
export function requestOriginOf(req: Request): string | undefined {
  const host = req.host === undefined ? 'localhost' : parseHost(req.host);
  const protocol = req.protocol.toLowerCase();
  return host && PROTOCOLS.has(protocol) ? `${protocol}://${host}` : undefined;
}

/** Refuses, with a 400 in the envelope, a request whose Host or trusted X-Forwarded-* headers are malformed. */
export const checkRequestOrigin: RequestHandler = (req, res, next) => {
  // tRPC builds a URL from the Host header itself, trusted proxy or not: the raw header must be plain too.
  // HTTP/1.1 requires the header (RFC 9112 §3.2); HTTP/1.0 clients may leave it out.
  const rawHost = req.headers.host;
  const hostOk = rawHost === undefined ? req.httpVersion === '1.0' : parseHost(rawHost) !== undefined;
  if (hostOk && requestOriginOf(req)) return next();
  sendError(req, res, new AppError('bad_request'));
};
