import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { NoContent } from '../shared.schemas.ts';
import { resetPassword, setAccountEnabled } from './accounts.service.ts';
import {
  NewUserBody,
  ResetBody,
  RolesBody,
  RolesReply,
  UserCreatedReply,
  UserIdParam,
  UserListReply,
} from './users.schemas.ts';
import { createUser, listUsers, setRoles } from './users.service.ts';

export function userRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'user.manage' },
        schema: { tags: ['users'], summary: '用户列表', response: { 200: UserListReply } },
      },
      async (request) => listUsers(ctx, actorOf(request)),
    );
    app.post(
      '/',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '新建用户',
          body: NewUserBody,
          response: { 201: UserCreatedReply },
        },
      },
      async (request, reply) => {
        const created = await createUser(ctx, actorOf(request), request.body);
        return reply.status(201).send(created);
      },
    );
    app.put(
      '/:id/roles',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '修改用户角色',
          params: UserIdParam,
          body: RolesBody,
          response: { 200: RolesReply },
        },
      },
      async (request) => setRoles(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/:id/password',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '重置用户密码（下次登录须先修改）',
          params: UserIdParam,
          body: ResetBody,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await resetPassword(ctx, actorOf(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );
    for (const action of ['disable', 'enable'] as const) {
      app.post(
        `/:id/${action}`,
        {
          config: { permission: 'user.manage' },
          schema: {
            tags: ['users'],
            summary: action === 'disable' ? '停用用户（立即结束其会话）' : '启用用户',
            params: UserIdParam,
            response: { 204: NoContent },
          },
        },
        async (request, reply) => {
          await setAccountEnabled(ctx, actorOf(request), request.params.id, action === 'enable');
          return reply.status(204).send(null);
        },
      );
    }
  };
}
