import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { AppContext } from '../context.ts';
import { admissionRoutes } from '../modules/admission/admission.routes.ts';
import { aidRoutes, disclosureRoutes } from '../modules/aid/aid.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { registerAuth } from '../modules/auth/auth.request.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { cadreRoutes } from '../modules/cadres/cadres.routes.ts';
import { counsellingRoutes } from '../modules/counselling/counselling.routes.ts';
import { fundRoutes } from '../modules/funds/funds.routes.ts';
import {
  DEFAULT_IMPORT_CONCURRENCY,
  ImportQueue,
  type ImportQueueOptions,
} from '../modules/imports/import-queue.ts';
import { importRoutes } from '../modules/imports/imports.routes.ts';
import { internshipRoutes } from '../modules/internships/internships.routes.ts';
import { membershipRoutes } from '../modules/membership/membership.routes.ts';
import { newsroomRoutes } from '../modules/newsroom/newsroom.routes.ts';
import { notificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { orgRoutes } from '../modules/orgs/orgs.routes.ts';
import { partyRoutes } from '../modules/party/party.routes.ts';
import { peopleRoutes } from '../modules/people/people.routes.ts';
import { portalRoutes } from '../modules/portal/portal.routes.ts';
import { regionRoutes } from '../modules/regions/regions.routes.ts';
import { reportRoutes } from '../modules/reports/reports.routes.ts';
import { classRoutes, schoolRoutes } from '../modules/schools/schools.routes.ts';
import { todoRoutes } from '../modules/todo/todo.routes.ts';
import { userRoutes } from '../modules/users/users.routes.ts';
import { venueRoutes } from '../modules/venues/venues.routes.ts';
import { volunteeringMeRoutes } from '../modules/volunteering/volunteering.me.routes.ts';
import { volunteeringPublicRoutes } from '../modules/volunteering/volunteering.public.routes.ts';
import { volunteeringRoutes } from '../modules/volunteering/volunteering.routes.ts';
import { registerControlCharacterGuard } from './control-characters.ts';
import { ErrorBodySchema, registerErrorHandler } from './error-handler.ts';
import { healthRoutes, type Lifecycle } from './health.routes.ts';
import { lazySerializers, lazyValidators } from './lazy-validators.ts';
import { type DestinationStream, loggerOptions, requestIdGenerator } from './logging.ts';
import { withErrorAnswers } from './openapi.ts';

export interface BuildAppOptions {
  ctx: AppContext;
  /** Log requests; a stream instead of stdout (tests read what was logged). */
  logger?: boolean | { stream: DestinationStream };
  /** Failed logins, and registrations, per minute per client address (INTERFACES.md: 429 beyond it). */
  loginRateLimit?: number;
  /** Where the built admin lives; served at /admin/ when present. */
  adminDist?: string;
  /** Told of every route as it is registered (the route walk of server/scope.integration.test.ts). */
  onRoute?: (route: RouteOptions) => void;
  /** Set to draining on SIGTERM (server/main.ts); /api/ready then answers 503. */
  lifecycle?: Lifecycle;
  /** The import queue's settings; its concurrency defaults to TUANWU_IMPORT_CONCURRENCY. */
  importQueue?: Partial<ImportQueueOptions>;
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's import queue (imports/import-queue.ts). */
    importQueue: ImportQueue;
  }
}

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** Plugins in a fixed order — external, then the app's own, then routes (fastify/demo's src/app.ts). */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { ctx } = options;
  const app = Fastify({
    logger: options.logger
      ? loggerOptions(typeof options.logger === 'object' ? options.logger.stream : undefined)
      : false,
    // Only a configured proxy's X-Forwarded-For is believed (TUANWU_TRUST_PROXY); the cast picks Fastify's http/1 overload.
    trustProxy: ctx.config.trustProxy as string,
    // Ids are made (or taken from the trusted proxy's X-Request-Id) by one function that checks them.
    requestIdHeader: false,
    genReqId: requestIdGenerator(ctx.config.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, allErrors: true } },
    schemaController: {
      compilersFactory: { buildValidator: lazyValidators(), buildSerializer: lazySerializers() },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'tuanwu 团务 API', version: '0.1.0', description: '共青团工作平台接口' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tuanwu_session' } },
        schemas: { ErrorBody: ErrorBodySchema as unknown as Record<string, unknown> },
      },
    },
    transformObject: (document) =>
      withErrorAnswers('openapiObject' in document ? document.openapiObject : document.swaggerObject),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerErrorHandler(app);
  registerControlCharacterGuard(app);
  registerAuth(app, ctx);
  // API answers carry personal data: no browser or proxy keeps a copy (a shared computer's back button).
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    // The id the log lines of this request carry: a user's report of a failure can be matched to them.
    reply.header('x-request-id', request.id);
  });

  await app.register(healthRoutes(ctx, options.lifecycle ?? { draining: false }), { prefix: '/api' });
  const attemptsPerAddress = options.loginRateLimit ?? 10;
  await app.register(authRoutes(ctx, { attemptsPerAddress }), { prefix: '/api/auth' });
  await app.register(regionRoutes(ctx), { prefix: '/api/regions' });
  await app.register(orgRoutes(ctx), { prefix: '/api/orgs' });
  await app.register(peopleRoutes(ctx), { prefix: '/api/people' });
  const importQueue = await ImportQueue.open(ctx, {
    concurrency: ctx.config.importConcurrency ?? DEFAULT_IMPORT_CONCURRENCY,
    ...options.importQueue,
  });
  app.decorate('importQueue', importQueue);
  app.addHook('onClose', async () => importQueue.close());
  await app.register(importRoutes(ctx, importQueue), { prefix: '/api/imports' });
  await app.register(auditRoutes(ctx), { prefix: '/api/audit' });
  await app.register(userRoutes(ctx), { prefix: '/api/users' });
  await app.register(reportRoutes(ctx), { prefix: '/api/reports' });
  await app.register(aidRoutes(ctx), { prefix: '/api/aid' });
  await app.register(counsellingRoutes(ctx), { prefix: '/api/counselling' });
  await app.register(disclosureRoutes(ctx), { prefix: '/disclosure' });
  await app.register(venueRoutes(ctx), { prefix: '/api/venues' });
  await app.register(cadreRoutes(ctx), { prefix: '/api/cadres' });
  await app.register(fundRoutes(ctx), { prefix: '/api/funds' });
  await app.register(internshipRoutes(ctx), { prefix: '/api/internships' });
  await app.register(newsroomRoutes(ctx), { prefix: '/api/newsroom' });
  await app.register(admissionRoutes(ctx), { prefix: '/api/admissions' });
  await app.register(schoolRoutes(ctx), { prefix: '/api/schools' });
  await app.register(classRoutes(ctx), { prefix: '/api/classes' });
  await app.register(partyRoutes(ctx), { prefix: '/api/party-recommendations' });
  await app.register(membershipRoutes(ctx), { prefix: '/api/membership' });
  await app.register(volunteeringRoutes(ctx), { prefix: '/api/volunteering' });
  await app.register(volunteeringMeRoutes(ctx), { prefix: '/api/volunteering' });
  await app.register(todoRoutes(ctx), { prefix: '/api/todo' });
  await app.register(notificationRoutes(ctx), { prefix: '/api/notifications' });
  await app.register(volunteeringPublicRoutes(ctx, { attemptsPerAddress }));

  const adminDist = options.adminDist ?? path.resolve(import.meta.dirname, '../../admin/dist');
  if (existsSync(path.join(adminDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: adminDist,
      prefix: '/admin/',
      wildcard: false,
      index: 'index.html',
    });
    // The admin is a single-page app: any deeper /admin path is answered with its shell.
    app.get('/admin', (_request, reply) => reply.redirect('/admin/'));
    // A missing asset (an old hash after a rebuild) is a 404, not the shell served as JavaScript.
    app.get('/admin/*', (request, reply) =>
      request.url.startsWith('/admin/assets/')
        ? reply.code(404).type('text/plain; charset=utf-8').send('Not Found')
        : reply.sendFile('index.html'),
    );
  } else {
    app.get('/admin/*', (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><p>管理端尚未构建：请运行 <code>npm run build</code>。</p>',
        ),
    );
  }
  await app.register(portalRoutes(ctx));
  return app;
}
