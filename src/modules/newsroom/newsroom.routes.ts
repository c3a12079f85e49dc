import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { ValidationError } from '../../lib/errors.ts';
import { requireActor } from '../../server/auth-plugin.ts';
import { changeArticle, createArticle, getArticle, listArticles } from './articles.service.ts';
import { MAX_IMAGE_BYTES, uploadImage } from './images.service.ts';
import {
  AnswerSheetSubmission,
  ArticleChanges,
  ArticleIdParam,
  ArticleListQuery,
  ChannelChanges,
  ColumnChanges,
  NewArticle,
  NewChannel,
  NewColumn,
  ReturnBody,
  SiteChanges,
  SlugParam,
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
    app.get('/site', { schema: { tags, summary: '网站设置' } }, async (request) =>
      getSiteSettings(ctx, requireActor(request)),
    );
    app.patch('/site', { schema: { tags, summary: '修改网站设置', body: SiteChanges } }, async (request) =>
      changeSiteSettings(ctx, requireActor(request), request.body),
    );
    app.get('/structure', { schema: { tags, summary: '频道与专栏' } }, async (request) =>
      getStructure(ctx, requireActor(request)),
    );
    app.post(
      '/channels',
      { schema: { tags, summary: '新建频道', body: NewChannel } },
      async (request, reply) =>
        reply.status(201).send(await createChannel(ctx, requireActor(request), request.body)),
    );
    app.patch(
      '/channels/:slug',
      { schema: { tags, summary: '修改频道', params: SlugParam, body: ChannelChanges } },
      async (request) => changeChannel(ctx, requireActor(request), request.params.slug, request.body),
    );
    app.post('/columns', { schema: { tags, summary: '新建专栏', body: NewColumn } }, async (request, reply) =>
      reply.status(201).send(await createColumn(ctx, requireActor(request), request.body)),
    );
    app.patch(
      '/columns/:slug',
      { schema: { tags, summary: '修改专栏', params: SlugParam, body: ColumnChanges } },
      async (request) => changeColumn(ctx, requireActor(request), request.params.slug, request.body),
    );
    app.get('/stale-columns', { schema: { tags, summary: '久未更新的专栏' } }, async (request) =>
      staleColumns(ctx, requireActor(request)),
    );
    app.get(
      '/articles',
      { schema: { tags, summary: '稿件列表', querystring: ArticleListQuery } },
      async (request) => listArticles(ctx, requireActor(request), request.query),
    );
    app.post(
      '/articles',
      { schema: { tags, summary: '新建稿件', body: NewArticle } },
      async (request, reply) => {
        const actor = requireActor(request);
        const id = await createArticle(ctx, actor, request.body);
        return reply.status(201).send(await getArticle(ctx, actor, id));
      },
    );
    app.get(
      '/articles/:id',
      { schema: { tags, summary: '稿件详情', params: ArticleIdParam } },
      async (request) => getArticle(ctx, requireActor(request), request.params.id),
    );
    app.patch(
      '/articles/:id',
      { schema: { tags, summary: '修改稿件', params: ArticleIdParam, body: ArticleChanges } },
      async (request) => changeArticle(ctx, requireActor(request), request.params.id, request.body),
    );
    app.get(
      '/articles/:id/check',
      { schema: { tags, summary: '发布前检查（错敏词、链接）', params: ArticleIdParam } },
      async (request) => checkArticle(ctx, requireActor(request), request.params.id),
    );
    app.post(
      '/articles/:id/submit',
      { schema: { tags, summary: '提交审核', params: ArticleIdParam } },
      async (request) => submitArticle(ctx, requireActor(request), request.params.id),
    );
    app.post(
      '/articles/:id/approve',
      { schema: { tags, summary: '审核通过并发布', params: ArticleIdParam } },
      async (request) => approveArticle(ctx, requireActor(request), request.params.id),
    );
    app.post(
      '/articles/:id/return',
      { schema: { tags, summary: '退回修改', params: ArticleIdParam, body: ReturnBody } },
      async (request) => returnArticle(ctx, requireActor(request), request.params.id, request.body.comment),
    );
    app.post(
      '/articles/:id/withdraw',
      { schema: { tags, summary: '撤稿', params: ArticleIdParam } },
      async (request) => withdrawArticle(ctx, requireActor(request), request.params.id),
    );
    app.post(
      '/submissions/answer-sheet',
      { schema: { tags, summary: '把青春答卷文稿提交到网站', body: AnswerSheetSubmission } },
      async (request, reply) =>
        reply.status(201).send(await submitAnswerSheet(ctx, requireActor(request), request.body)),
    );
    app.post(
      '/images',
      {
        schema: {
          tags,
          summary: '上传图片',
          consumes: ['multipart/form-data'],
          querystring: Type.Object({ org: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })) }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
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
