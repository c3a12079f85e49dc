import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { ValidationError } from '../../lib/errors.ts';
import { actorOf } from '../auth/auth.request.ts';
import { changeArticle, createArticle, getArticle, listArticles } from './articles.service.ts';
import { MAX_IMAGE_BYTES, uploadImage } from './images.service.ts';
import {
  AnswerSheetSubmission,
  ArticleChanges,
  ArticleCheckReply,
  ArticleIdParam,
  ArticleListQuery,
  ArticleListReply,
  ArticleReply,
  ChannelChanges,
  ChannelReply,
  ColumnChanges,
  ColumnReply,
  ImageReply,
  NewArticle,
  NewChannel,
  NewColumn,
  ReturnBody,
  SiteChanges,
  SiteReply,
  SlugParam,
  StaleColumnsReply,
  StructureReply,
} from './newsroom.schemas.ts';
import {
  changeChannel,
  changeColumn,
  changeSiteSettings,
  createChannel,
  createColumn,
  getSiteSettings,
  getStructure,
  staleColumns,
} from './site.service.ts';
import { submitAnswerSheet } from './submission.service.ts';
import {
  approveArticle,
  checkArticle,
  returnArticle,
  submitArticle,
  withdrawArticle,
} from './workflow.service.ts';

/** The newsroom behind the public site, under /api/newsroom. */
export function newsroomRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['newsroom'];
    app.get(
      '/site',
      {
        config: { permission: 'portal.edit' },
        schema: { tags, summary: '网站设置', response: { 200: SiteReply } },
      },
      async (request) => getSiteSettings(ctx, actorOf(request)),
    );
    app.patch(
      '/site',
      {
        config: { permission: 'portal.settings' },
        schema: { tags, summary: '修改网站设置', body: SiteChanges, response: { 200: SiteReply } },
      },
      async (request) => changeSiteSettings(ctx, actorOf(request), request.body),
    );
    app.get(
      '/structure',
      {
        config: { permission: 'portal.edit' },
        schema: { tags, summary: '频道与专栏', response: { 200: StructureReply } },
      },
      async (request) => getStructure(ctx, actorOf(request)),
    );
    app.post(
      '/channels',
      {
        config: { permission: 'portal.settings' },
        schema: { tags, summary: '新建频道', body: NewChannel, response: { 201: ChannelReply } },
      },
      async (request, reply) =>
        reply.status(201).send(await createChannel(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/channels/:slug',
      {
        config: { permission: 'portal.settings' },
        schema: {
          tags,
          summary: '修改频道',
          params: SlugParam,
          body: ChannelChanges,
          response: { 200: ChannelReply },
        },
      },
      async (request) => changeChannel(ctx, actorOf(request), request.params.slug, request.body),
    );
    app.post(
      '/columns',
      {
        config: { permission: 'portal.settings' },
        schema: { tags, summary: '新建专栏', body: NewColumn, response: { 201: ColumnReply } },
      },
      async (request, reply) =>
        reply.status(201).send(await createColumn(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/columns/:slug',
      {
        config: { permission: 'portal.settings' },
        schema: {
          tags,
          summary: '修改专栏',
          params: SlugParam,
          body: ColumnChanges,
          response: { 200: ColumnReply },
        },
      },
      async (request) => changeColumn(ctx, actorOf(request), request.params.slug, request.body),
    );
    app.get(
      '/stale-columns',
      {
        config: { permission: 'portal.edit' },
        schema: { tags, summary: '久未更新的专栏', response: { 200: StaleColumnsReply } },
      },
      async (request) => staleColumns(ctx, actorOf(request)),
    );
    app.get(
      '/articles',
      {
        config: { permission: 'portal.edit' },
        schema: {
          tags,
          summary: '稿件列表',
          querystring: ArticleListQuery,
          response: { 200: ArticleListReply },
        },
      },
      async (request) => listArticles(ctx, actorOf(request), request.query),
    );
    app.post(
      '/articles',
      {
        config: { permission: 'portal.edit' },
        schema: { tags, summary: '新建稿件', body: NewArticle, response: { 201: ArticleReply } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = await createArticle(ctx, actor, request.body);
        return reply.status(201).send(await getArticle(ctx, actor, id));
      },
    );
    app.get(
      '/articles/:id',
      {
        config: { permission: 'portal.edit' },
        schema: { tags, summary: '稿件详情', params: ArticleIdParam, response: { 200: ArticleReply } },
      },
      async (request) => getArticle(ctx, actorOf(request), request.params.id),
    );
    app.patch(
      '/articles/:id',
      {
        config: { permission: 'portal.edit' },
        schema: {
          tags,
          summary: '修改稿件',
          params: ArticleIdParam,
          body: ArticleChanges,
          response: { 200: ArticleReply },
        },
      },
      async (request) => changeArticle(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/articles/:id/check',
      {
        config: { permission: 'portal.edit' },
        schema: {
          tags,
          summary: '发布前检查（错敏词、链接）',
          params: ArticleIdParam,
          response: { 200: ArticleCheckReply },
        },
      },
      async (request) => checkArticle(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/articles/:id/submit',
      {
        config: { permission: 'portal.edit' },
        schema: { tags, summary: '提交审核', params: ArticleIdParam, response: { 200: ArticleReply } },
      },
      async (request) => submitArticle(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/articles/:id/approve',
      {
        config: { permission: 'portal.review' },
        schema: { tags, summary: '审核通过并发布', params: ArticleIdParam, response: { 200: ArticleReply } },
      },
      async (request) => approveArticle(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/articles/:id/return',
      {
        config: { permission: 'portal.review' },
        schema: {
          tags,
          summary: '退回修改',
          params: ArticleIdParam,
          body: ReturnBody,
          response: { 200: ArticleReply },
        },
      },
      async (request) => returnArticle(ctx, actorOf(request), request.params.id, request.body.comment),
    );
    app.post(
      '/articles/:id/withdraw',
      {
        config: { permission: 'portal.review' },
        schema: { tags, summary: '撤稿', params: ArticleIdParam, response: { 200: ArticleReply } },
      },
      async (request) => withdrawArticle(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/submissions/answer-sheet',
      {
        config: { permission: 'portal.edit' },
        schema: {
          tags,
          summary: '把青春答卷文稿提交到网站（同一组织与期间再次提交时更新原稿件）',
          body: AnswerSheetSubmission,
          response: { 200: ArticleReply, 201: ArticleReply },
        },
      },
      async (request, reply) => {
        const { created, article } = await submitAnswerSheet(ctx, actorOf(request), request.body);
        return reply.status(created ? 201 : 200).send(article);
      },
    );
    app.post(
      '/images',
      {
        config: { permission: 'portal.edit' },
        schema: {
          tags,
          summary: '上传图片',
          consumes: ['multipart/form-data'],
          querystring: Type.Object({ org: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })) }),
          response: { 201: ImageReply },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const upload = await request.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
        if (!upload) throw ValidationError.field('file', null, '请选择要上传的图片');
        const content = await upload.toBuffer().catch(() => null);
        const result = await uploadImage(
          ctx,
          actor,
          {
            name: upload.filename,
            content: content ?? Buffer.alloc(0),
            truncated: content === null || upload.file.truncated,
          },
          request.query.org,
        );
        return reply.status(201).send(result);
      },
    );
  };
}
