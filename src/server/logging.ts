import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { redact, redactUrl } from '../lib/redact.ts';

/**
 * The request log's options: JSON lines (pino), each with the request's id (reqId). A URL's query string may
 * carry an identity or phone number (a people search); it is redacted here, where every request is logged, so
 * that no route has to remember it (DESIGN.md: neither goes into logs in clear). So are logged errors, whose
 * messages may quote a value.
 */
export function loggerOptions(stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
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
