import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { TodoListReply } from './todo.schemas.ts';
import { listTodo } from './todo.service.ts';

export function todoRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/',
      {
        // Every signed-in user has a to-do list; each kind is filtered by the permission its work needs.
        config: { permission: 'authenticated' },
        schema: {
          tags: ['todo'],
          summary: '待办：当前用户管辖范围内等待办理的事项',
          response: { 200: TodoListReply },
        },
      },
      async (request) => listTodo(ctx, actorOf(request)),
    );
  };
}
