// Node's HTTP parser refuses some requests before Express sees them (a malformed request line, headers over the
// limit, a request that took too long) and by default answers with an empty body. This writes the envelope instead,
// raw on the socket as Node's docs for the 'clientError' event show, and closes the connection: the parser's state
// is unknown after the error, so nothing more can be read from it. CONNECT (a tunnel, which Node hands to a
// 'connect' listener or else drops without a word) gets a 405 the same way.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ERRORS, type ErrorCode } from '@groupchat/contracts';

const CODE_BY_PARSER_ERROR: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'payload_too_large',
};

const REASONS: Partial<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // As Node's default: a socket already gone, or one whose answer has begun, can only be closed.
  const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
    socket.destroy();
    return;
  }
  writeEnvelope(socket, CODE_BY_PARSER_ERROR[error.code ?? ''] ?? 'bad_request');
}

/** For the server's 'connect' event: this service tunnels nothing. */
export function refuseTunnel(_req: IncomingMessage, socket: Duplex): void {
  writeEnvelope(socket, 'method_not_allowed');
}

function writeEnvelope(socket: Duplex, code: ErrorCode): void {
  const { status, zh } = ERRORS[code];
  // No header of the request could be trusted to have been read, Accept-Language included: the default language.
  const body = JSON.stringify({ detail: zh, code });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      `\r\n${body}`,
  );
}
