import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { redactUrl } from '../lib/redact.ts';

/**
 * The request log's options. A URL's query string may carry an identity or phone number (a people search); it
 * is redacted here, where every request is logged, so that no route has to remember it (DESIGN.md: neither goes
 * into logs in clear).
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
    },
  };
}
