import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { branchLifeRoutes } from './branch-life.routes.ts';
import { coverageRoutes } from './coverage.routes.ts';
import { departureRoutes } from './departures.routes.ts';
import { duesRoutes } from './dues.routes.ts';
import { registrationRoutes } from './registration.routes.ts';
import { starRatingRoutes } from './star-rating.routes.ts';
import { transferRoutes } from './transfers.routes.ts';

/** Everything under /api/membership, one plugin per responsibility. */
export function membershipRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(transferRoutes(ctx));
    await app.register(registrationRoutes(ctx));
    await app.register(duesRoutes(ctx));
    await app.register(departureRoutes(ctx));
    await app.register(branchLifeRoutes(ctx));
    await app.register(starRatingRoutes(ctx));
    await app.register(coverageRoutes(ctx));
  };
}
