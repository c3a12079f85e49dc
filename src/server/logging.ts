import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyRequest, FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import { redact, redactUrl } from '../lib/redact.ts';

/**
 * The request log's options: JSON lines (pino), each with the request's id (reqId). A URL's query string may
 * carry an identity or phone number (a people search); it is redacted here, where every request is logged, so
 * that no route has to remember it (DESIGN.md: neither goes into logs in clear). So are logged errors, whose
 * messages may quote a value.
 */
export function loggerOptions(stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    serializers: {
      req(request: FastifyRequest) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        };
      },
      err(error: Error & { code?: unknown; statusCode?: unknown }) {
        return {
          type: error.constructor?.name ?? 'Error',
          message: redact(String(error.message)),
          stack: redact(error.stack ?? ''),
          ...(error.code !== undefined ? { code: error.code } : {}),
          ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
        };
      },
    },
  };
}

/** nginx's $request_id (32 hex digits), a UUID, or the like: nothing that could carry a line break or a name. */
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Each request's id: the X-Request-Id of the proxy in front when one is configured (TUANWU_TRUST_PROXY), so a
 * request is followed from nginx's log into ours, otherwise a new UUID. The id is echoed in the answer's
 * X-Request-Id (server/app.ts); a header that is not a plain token, or that would put a phone or identity
 * number in the log, is replaced.
 */
export function requestIdGenerator(trustProxy: boolean | number | string): (req: IncomingMessage) => string {
  const trusted = trustProxy !== false && trustProxy !== 0;
  return (req) => {
    const given = req.headers['x-request-id'];
    if (trusted && typeof given === 'string' && REQUEST_ID.test(given) && redact(given) === given)
      return given;
    return randomUUID();
  };
}

/** Buffered lines are written once this many bytes have gathered, or after FLUSH_MS. */
const BATCH_BYTES = 4096;
const FLUSH_MS = 1000;

export type LogDestination = ReturnType<typeof pino.destination>;
export type { DestinationStream };

/**
 * The server's log on stdout, written off the request's path: lines gather in a buffer and go out in one
 * asynchronous write per ~4 KB (about a dozen requests), or after a second when traffic is light — not one write
 * per line (profiled under bench:request-cost, a write a line was ~7 % of the server's busy time). What is still
 * buffered when the process ends is written by flushLog(): serve()'s shutdown and exitOnUncaughtError below.
 */
export function logDestination(): LogDestination {
  return pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES, periodicFlush: FLUSH_MS });
}

/** Writes what is buffered before the process exits (synchronously: nothing after process.exit would run). */
export function flushLog(destination: LogDestination): void {
  try {
    destination.flushSync();
  } catch {
    // stdout gone (a closed pipe): nothing can be written anywhere.
  }
}

/**
 * An error nobody caught ends the process, as Node would (exit 1) — but logged through the logger's serializer,
 * which masks identity and phone numbers in its message and stack (Node's own report went to stderr in clear),
 * and after the buffered lines, so the requests before it are not lost either.
 */
export function exitOnUncaughtError(log: FastifyBaseLogger, destination: LogDestination): void {
  process.once('uncaughtException', (error) => {
    log.fatal({ err: error }, '未捕获的错误，进程退出');
    flushLog(destination);
    process.exit(1);
  });
}
