import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';

/** A host name or address with an optional port, nothing else: no quotes, tags, spaces or paths. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The site's origin for absolute links (canonical, Open Graph, sitemap, RSS): the configured TUANWU_PUBLIC_URL,
 * else the request's host only when it is a valid host name. A forged Host or X-Forwarded-Host could otherwise
 * write markup, or another site's address, into every page and feed the cache then serves to everyone.
 */
export function siteOrigin(
  config: Pick<Config, 'publicUrl'>,
  request: Pick<FastifyRequest, 'protocol' | 'host'>,
) {
  if (config.publicUrl) return config.publicUrl;
  const host = HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol === 'https' ? 'https' : 'http'}://${host}`;
}
