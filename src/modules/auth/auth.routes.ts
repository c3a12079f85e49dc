import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { NoContent } from '../shared.schemas.ts';
import { changeOwnPassword } from '../users/accounts.service.ts';
import { presentMe } from './auth.presenter.ts';
import { actorOf, clearSessionCookies, cookiesSecure, setSessionCookies } from './auth.request.ts';
import { LoginBody, PasswordChangeBody, SessionReply } from './auth.schemas.ts';
import { login, logout } from './auth.service.ts';
import { attemptsPerAddress } from './throttle.service.ts';

export function authRoutes(
  ctx: AppContext,
  options: { attemptsPerAddress: number },
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/login',
      {
        config: { permission: 'public' },
        schema: { tags: ['auth'], summary: '登录', body: LoginBody, response: { 200: SessionReply } },
      },
      async (request, reply) => {
        const started = await login(ctx, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          perAddress: attemptsPerAddress(options.attemptsPerAddress),
        });
        setSessionCookies(reply, started, cookiesSecure(ctx.config, request));
        return {
          user: presentMe(started.actor, app.apiWrites),
          csrfToken: started.csrfToken,
          mustChangePassword: started.mustChangePassword,
        };
      },
    );

    app.get(
      '/me',
      {
        config: { permission: 'authenticated' },
        schema: { tags: ['auth'], summary: '当前用户', response: { 200: SessionReply } },
      },
      async (request) => {
        const actor = actorOf(request);
        return {
          user: presentMe(actor, app.apiWrites),
          csrfToken: request.session!.csrfToken,
          mustChangePassword: request.session!.mustChangePassword,
        };
      },
    );

    app.post(
      '/password',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: '修改自己的密码（结束其他会话）',
          body: PasswordChangeBody,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(ctx, actorOf(request), request.session!.sessionId, request.body);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/logout',
      {
        config: { permission: 'authenticated' },
        schema: { tags: ['auth'], summary: '退出登录', response: { 204: NoContent } },
      },
      async (request, reply) => {
        actorOf(request);
        await logout(ctx, request.session!);
        clearSessionCookies(reply);
        return reply.status(204).send(null);
      },
    );
  };
}
