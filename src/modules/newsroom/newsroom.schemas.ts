import { type Static, Type } from 'typebox';
import { Nullable } from '../shared.schemas.ts';

const Slug = Type.String({ pattern: '^[a-z0-9-]{1,40}$', description: '网址标识（小写字母、数字、-）' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 时刻' });

export const FriendlyLink = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  url: Type.String({ minLength: 1, maxLength: 500 }),
});

export const SensitiveWord = Type.Object({
  word: Type.String({ minLength: 1, maxLength: 40 }),
  /** What to write instead; empty when the word must simply not appear. */
  suggestion: Type.String({ maxLength: 80 }),
});

export const SiteChanges = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  welcome: Type.Optional(Type.String({ maxLength: 120 })),
  description: Type.Optional(Type.String({ maxLength: 300 })),
  copyright: Type.Optional(Type.String({ maxLength: 200 })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  postcode: Type.Optional(Type.String({ pattern: '^(\\d{6})?$', description: '邮政编码（6位数字）' })),
  phone: Type.Optional(Type.String({ maxLength: 60 })),
  friendlyLinks: Type.Optional(Type.Array(FriendlyLink, { maxItems: 50 })),
  sensitiveWords: Type.Optional(Type.Array(SensitiveWord, { maxItems: 2000 })),
  staleDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  icpNumber: Type.Optional(Type.String({ maxLength: 40, description: 'ICP 备案号，如 京ICP备12345678号-1' })),
  policeNumber: Type.Optional(
    Type.String({ maxLength: 40, description: '公安机关备案号，如 京公网安备11010502030143号' }),
  ),
  logoImage: Type.Optional(
    Type.String({
      maxLength: 200,
      description: '网站标志（已上传图片的地址 /uploads/portal/…；空：不显示）',
    }),
  ),
  faviconImage: Type.Optional(
    Type.String({
      maxLength: 200,
      description: '网站图标（已上传的正方形 PNG，不超过 100 KB；空：默认图标）',
    }),
  ),
});
export type SiteChanges = Static<typeof SiteChanges>;

export const NewChannel = Type.Object({
  slug: Slug,
  name: Type.String({ minLength: 1, maxLength: 20 }),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
});
export type NewChannel = Static<typeof NewChannel>;
export const ChannelChanges = Type.Partial(Type.Omit(NewChannel, ['slug']));
export type ChannelChanges = Static<typeof ChannelChanges>;

export const NewColumn = Type.Object({
  slug: Slug,
  name: Type.String({ minLength: 1, maxLength: 30 }),
  intro: Type.Optional(Type.String({ maxLength: 1000 })),
  channelSlug: Slug,
  /** The organisation that owns the column; its reviewers publish into it. Default: the caller's. */
  orgCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
});
export type NewColumn = Static<typeof NewColumn>;
export const ColumnChanges = Type.Partial(Type.Omit(NewColumn, ['slug', 'orgCode']));
export type ColumnChanges = Static<typeof ColumnChanges>;

export const NewArticle = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 120 }),
  summary: Type.Optional(Type.String({ maxLength: 300 })),
  bodyHtml: Type.String({ maxLength: 500_000 }),
  channelSlug: Slug,
  columnSlug: Type.Optional(Type.Union([Slug, Type.Null()])),
  /** The organisation the piece comes from; default the caller's. */
  orgCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  source: Type.Optional(Type.String({ maxLength: 60 })),
  coverImage: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  featured: Type.Optional(Type.Boolean()),
  publishAt: Type.Optional(Type.Union([Instant, Type.Null()])),
});
export type NewArticle = Static<typeof NewArticle>;

export const ArticleChanges = Type.Intersect([
  Type.Partial(Type.Omit(NewArticle, ['orgCode'])),
  Type.Object({ note: Type.Optional(Type.String({ maxLength: 200 })) }),
]);
export type ArticleChanges = Static<typeof ArticleChanges>;

export const ArticleIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const SlugParam = Type.Object({ slug: Slug });

export const ArticleListQuery = Type.Object({
  status: Type.Optional(
    Type.Union(['draft', 'submitted', 'returned', 'published', 'withdrawn'].map((s) => Type.Literal(s))),
  ),
  /** mine: the caller's own pieces; review: what waits for the caller's approval. */
  view: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('mine'), Type.Literal('review')])),
  column: Type.Optional(Slug),
  q: Type.Optional(Type.String({ maxLength: 60 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ArticleListQuery = Static<typeof ArticleListQuery>;

export const ReturnBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 1000 }) });

export const AnswerSheetSubmission = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 32 }),
  from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  markdown: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100_000,
      description: '页面中编辑后的文稿（Markdown）；不给时按指标重新生成初稿',
    }),
  ),
});
export type AnswerSheetSubmission = Static<typeof AnswerSheetSubmission>;

// ---- Replies (issue 12: Fastify serialises only what is declared here) ----

/**
 * The site's settings as its editors see them. The owning organisation's id and scope path stay out: they
 * are the server's business (who may change the settings), not the editors'.
 */
export const SiteReply = Type.Object({
  name: Type.String({ description: '网站名称' }),
  welcome: Type.String({ description: '欢迎语' }),
  description: Type.String({ description: '网站简介（搜索引擎摘要）' }),
  copyright: Type.String({ description: '版权声明' }),
  address: Type.String({ description: '联系地址' }),
  postcode: Type.String({ description: '邮政编码' }),
  phone: Type.String({ description: '联系电话（机构电话，公开）' }),
  friendlyLinks: Type.Array(
    Type.Object({
      name: Type.String({ description: '链接名称' }),
      url: Type.String({ description: '链接地址' }),
    }),
    { description: '友情链接' },
  ),
  sensitiveWords: Type.Array(
    Type.Object({
      word: Type.String({ description: '错敏词' }),
      suggestion: Type.String({ description: '应改为（空：只需删去）' }),
    }),
    { description: '发布前检查的错敏词表' },
  ),
  staleDays: Type.Integer({ description: '专栏超过多少天未更新即列为久未更新' }),
  icpNumber: Type.String({ description: 'ICP 备案号（空：未备案）' }),
  policeNumber: Type.String({ description: '公安机关备案号（空：未备案）' }),
  logoImage: Type.String({ description: '网站标志图片地址（空：不显示）' }),
  faviconImage: Type.String({ description: '网站图标地址（空：默认图标）' }),
});

export const ChannelReply = Type.Object({
  id: Type.Integer(),
  slug: Type.String({ description: '网址标识' }),
  name: Type.String({ description: '频道名称' }),
  sortOrder: Type.Integer({ description: '排序（小的在前）' }),
});

export const ColumnReply = Type.Object({
  id: Type.Integer(),
  slug: Type.String({ description: '网址标识' }),
  name: Type.String({ description: '专栏名称' }),
  intro: Type.String({ description: '专栏简介' }),
  channelSlug: Type.String({ description: '所属频道的网址标识' }),
  channelName: Type.String({ description: '所属频道名称' }),
  orgCode: Type.String({ description: '主办组织编码（其审核人员发布本专栏稿件）' }),
  orgName: Type.String({ description: '主办组织名称' }),
  sortOrder: Type.Integer({ description: '排序（小的在前）' }),
});

export const StructureReply = Type.Object({
  channels: Type.Array(ChannelReply),
  columns: Type.Array(ColumnReply, { description: '当前用户相关的专栏：本组织及下级的，和上级组织的' }),
});

export const StaleColumnsReply = Type.Object({
  staleDays: Type.Integer({ description: '网站设置的久未更新天数' }),
  items: Type.Array(
    Type.Object({
      ...ColumnReply.properties,
      lastPublishedAt: Nullable(Type.String({ format: 'date-time', description: '最近一篇稿件的发布时刻' })),
      daysSinceUpdate: Type.Integer({ description: '距最近发布（从未发布则距开设）的天数' }),
    }),
  ),
});

export const ArticleStatus = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('submitted'),
    Type.Literal('returned'),
    Type.Literal('published'),
    Type.Literal('withdrawn'),
  ],
  { description: '状态：草稿、待审核、已退回、已发布、已撤稿' },
);
export type ArticleStatus = Static<typeof ArticleStatus>;

/** One piece in the newsroom's lists; the body and the organisation's scope path are not in it. */
export const ArticleSummaryReply = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  summary: Type.String({ description: '摘要' }),
  status: ArticleStatus,
  statusLabel: Type.String({ description: '状态的中文，已发布但未到时间的为“定时发布”' }),
  channelSlug: Type.String(),
  channelName: Type.String(),
  columnSlug: Nullable(Type.String()),
  columnName: Nullable(Type.String()),
  orgCode: Type.String({ description: '稿件所属组织编码' }),
  source: Type.String({ description: '来源（署名单位）' }),
  authorName: Type.String({ description: '撰稿人' }),
  reviewerName: Nullable(Type.String({ description: '审核人' })),
  reviewComment: Nullable(Type.String({ description: '退回意见' })),
  featured: Type.Boolean({ description: '是否推荐到首页' }),
  coverImage: Nullable(Type.String({ description: '封面图片地址' })),
  publishAt: Nullable(Type.String({ format: 'date-time', description: '定时发布时刻' })),
  publishedAt: Nullable(Type.String({ format: 'date-time', description: '发布时刻' })),
  submittedAt: Nullable(Type.String({ format: 'date-time', description: '送审时刻' })),
  revision: Type.Integer({ description: '版本号' }),
  origin: Type.String({ description: '来处：newsroom（编辑部撰写）或 report（青春答卷生成）' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ArticleListReply = Type.Object({
  items: Type.Array(ArticleSummaryReply),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const ArticleReply = Type.Object({
  ...ArticleSummaryReply.properties,
  bodyHtml: Type.String({ description: '正文（已净化的 HTML）' }),
  revisions: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      title: Type.String(),
      username: Type.String({ description: '修改人用户名' }),
      note: Type.String({ description: '修改说明' }),
      createdAt: Type.String({ format: 'date-time' }),
    }),
    { description: '修改记录' },
  ),
  mayReview: Type.Boolean({ description: '当前用户能否审核（通过或退回）' }),
  mayEdit: Type.Boolean({ description: '当前用户现在能否修改' }),
});

const CheckProblem = Type.Object({
  row: Nullable(Type.Integer()),
  column: Nullable(Type.String({ description: '问题所在：title、summary、bodyHtml、link、image' })),
  value: Nullable(Type.String({ description: '出问题的文字（上下文）或链接' })),
  reason: Type.String({ description: '问题说明' }),
});

export const ArticleCheckReply = Type.Object({
  ok: Type.Boolean({ description: '没有问题，可以发布' }),
  sensitiveWords: Type.Array(CheckProblem, { description: '错敏词' }),
  links: Type.Array(CheckProblem, { description: '链接与图片问题' }),
});

export const ImageReply = Type.Object({
  url: Type.String({ description: '图片地址（/uploads/portal/…）' }),
  mimeType: Type.String({ description: 'image/png、image/jpeg、image/gif 或 image/webp' }),
  bytes: Type.Integer({ description: '字节数' }),
});
