import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import {
  OutboxMessage,
  OutboxParams,
  OutboxQuery,
  OutboxReply,
  PreferencesBody,
  PreferencesReply,
} from './notifications.schemas.ts';
import { listOutbox, myPreferences, resendMessage, savePreferences } from './notifications.service.ts';

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/preferences',
      {
        // Everyone's own: where his reminders go and which he does not want.
        config: { permission: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: '我的通知设置（联系方式脱敏）',
          response: { 200: PreferencesReply },
        },
      },
      async (request) => myPreferences(ctx, actorOf(request)),
    );
    app.put(
      '/preferences',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: '修改我的通知设置（联系方式与退订）',
          body: PreferencesBody,
          response: { 200: PreferencesReply },
        },
      },
      async (request) => savePreferences(ctx, actorOf(request), request.body),
    );
    app.get(
      '/outbox',
      {
        // Whoever manages the accounts of a subtree sees whether their reminders went out.
        config: { permission: 'user.manage' },
        schema: {
          tags: ['notifications'],
          summary: '发件箱：管辖范围内用户的提醒及其发送状态',
          querystring: OutboxQuery,
          response: { 200: OutboxReply },
        },
      },
      async (request) => listOutbox(ctx, actorOf(request), request.query),
    );
    app.post(
      '/outbox/:id/resend',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['notifications'],
          summary: '重新发送一条失败（或重试中）的消息：立即排入发送',
          params: OutboxParams,
          response: { 200: OutboxMessage },
        },
      },
      async (request) => resendMessage(ctx, actorOf(request), request.params.id),
    );
  };
}
