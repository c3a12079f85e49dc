import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, forReads } from '../../context.ts';
import { safeLocalPath } from '../../lib/safe-path.ts';
import { imageDir, mimeOfFile } from '../newsroom/images.service.ts';
import { nowOf } from '../newsroom/newsroom.clock.ts';
import { pageCache } from '../newsroom/page-cache.ts';
import { DEFAULT_FAVICON, PORTAL_CSS, PORTAL_JS } from './portal.css.ts';
import type { PageFrame } from './portal.layout.ts';
import { siteOrigin } from './portal.origin.ts';
import {
  articleData,
  channelData,
  columnData,
  frameData,
  homeData,
  indexData,
  nextScheduled,
  searchData,
} from './portal.service.ts';
import {
  articlePage,
  channelPage,
  columnPage,
  homePage,
  notFoundPage,
  rss,
  searchPage,
  sitemap,
} from './portal.views.ts';

const LARGE_COOKIE = 'portal_large';
const HTML = 'text/html; charset=utf-8';

interface Rendered {
  status: number;
  type: string;
  body: string;
}

function pageNumber(request: FastifyRequest): number {
  const raw = (request.query as Record<string, string | undefined>).page;
  const n = Number(raw ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/**
 * The public site (DESIGN.md: server-rendered, no script needed to read). Pages are rendered once and
 * served from memory until the newsroom changes something they show (newsroom/page-cache.ts).
 */
export function portalRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const cache = pageCache(ctx);

    async function frameFor(request: FastifyRequest, reads: AppContext): Promise<PageFrame> {
      const data = await frameData(reads);
      return {
        ...data,
        // The clock is kept per context (newsroom.clock.ts), and `reads` may be a copy of it.
        now: nowOf(ctx),
        origin: siteOrigin(ctx.config, request),
        path: request.url,
        large: request.cookies[LARGE_COOKIE] === '1',
      };
    }

    /** Answers from the cache, or renders, stores (200s only) and answers. */
    async function serve(
      request: FastifyRequest,
      reply: FastifyReply,
      render: (frame: PageFrame, reads: AppContext) => Promise<Rendered | null>,
      cacheable = true,
    ) {
      const large = request.cookies[LARGE_COOKIE] === '1';
      const key = `${large ? 'L' : 'S'}|${request.protocol}://${request.host}${request.url}`;
      const clockNow = nowOf(ctx);
      const hit = cacheable ? cache.get(key, clockNow) : undefined;
      if (hit) return reply.type(hit.type).header('x-cache', 'hit').send(hit.body);
      // A miss reads the standby when there is one (forReads): it has replayed every write acknowledged before
      // this request, so a page filled after a publish's invalidation shows the publication.
      const reads = await forReads(ctx);
      const frame = await frameFor(request, reads);
      const rendered = (await render(frame, reads)) ?? {
        status: 404,
        type: HTML,
        body: notFoundPage(frame),
      };
      if (cacheable && rendered.status === 200) {
        cache.set(
          key,
          { body: Buffer.from(rendered.body), type: rendered.type },
          clockNow,
          await nextScheduled(ctx, clockNow),
        );
      }
      return reply.status(rendered.status).type(rendered.type).header('x-cache', 'miss').send(rendered.body);
    }
    const html = (body: string): Rendered => ({ status: 200, type: HTML, body });

    app.get('/', (request, reply) =>
      serve(request, reply, async (frame, reads) => html(homePage(frame, await homeData(reads, frame.now)))),
    );
    app.get<{ Params: { slug: string } }>('/channels/:slug', (request, reply) =>
      serve(request, reply, async (frame, reads) => {
        const page = pageNumber(request);
        const d = await channelData(reads, request.params.slug, page, frame.now);
        return d ? html(channelPage(frame, d, page)) : null;
      }),
    );
    app.get<{ Params: { slug: string } }>('/columns/:slug', (request, reply) =>
      serve(request, reply, async (frame, reads) => {
        const page = pageNumber(request);
        const d = await columnData(reads, request.params.slug, page, frame.now);
        return d ? html(columnPage(frame, d, page)) : null;
      }),
    );
    app.get<{ Params: { id: string } }>('/articles/:id', (request, reply) =>
      serve(request, reply, async (frame, reads) => {
        if (!/^\d{1,9}$/.test(request.params.id)) return null;
        const d = await articleData(reads, Number(request.params.id), frame.now);
        return d ? html(await articlePage(frame, d.article, d.previous, d.next)) : null;
      }),
    );
    app.get<{ Querystring: { q?: string } }>('/search', (request, reply) =>
      serve(
        request,
        reply,
        async (frame, reads) => {
          const q = String(request.query.q ?? '')
            .trim()
            .slice(0, 40);
          const page = pageNumber(request);
          const d = q ? await searchData(reads, q, page, frame.now) : { items: [], total: 0 };
          return html(searchPage(frame, q, d.items, d.total, page));
        },
        false,
      ),
    );
    app.get('/rss.xml', (request, reply) =>
      serve(request, reply, async (frame, reads) => ({
        status: 200,
        type: 'application/rss+xml; charset=utf-8',
        body: rss(frame, await indexData(reads, frame.now, 50)),
      })),
    );
    app.get('/sitemap.xml', (request, reply) =>
      serve(request, reply, async (frame, reads) => ({
        status: 200,
        type: 'application/xml; charset=utf-8',
        body: sitemap(frame, await indexData(reads, frame.now, 50_000)),
      })),
    );
    app.get('/portal.css', (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PORTAL_CSS),
    );
    app.get('/portal.js', (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(PORTAL_JS),
    );
    app.get('/favicon.svg', (_request, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(DEFAULT_FAVICON),
    );
    /** Browsers and crawlers ask for /favicon.ico whatever the page says: the site's own icon, or the default. */
    app.get('/favicon.ico', async (_request, reply) => {
      const { site } = await frameData(ctx);
      return reply
        .header('cache-control', 'public, max-age=3600')
        .redirect(site.faviconImage || '/favicon.svg', 302);
    });
    /** Larger type for older readers (适老化): remembered in a cookie, no script needed. */
    app.get<{ Querystring: { large?: string; back?: string } }>('/accessibility', (request, reply) => {
      const target = safeLocalPath(request.query.back);
      reply.setCookie(LARGE_COOKIE, request.query.large === '1' ? '1' : '0', {
        path: '/',
        sameSite: 'lax',
        maxAge: 365 * 86_400,
      });
      return reply.redirect(target, 303);
    });
    app.get<{ Params: { file: string } }>('/uploads/portal/:file', async (request, reply) => {
      const { file } = request.params;
      const mime = /^[\w-]+\.(png|jpg|gif|webp)$/.test(file) ? mimeOfFile(file) : null;
      const full = path.join(imageDir(ctx.config.dataDir), file);
      if (!mime || !existsSync(full)) return reply.callNotFound();
      return reply
        .type(mime)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(full));
    });
    /** Any other address: the site's own 404 page (the API keeps its JSON answer). */
    app.get('/*', (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/admin')) return reply.callNotFound();
      return serve(request, reply, async () => null, false);
    });
  };
}
