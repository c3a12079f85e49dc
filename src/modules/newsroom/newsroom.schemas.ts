import { type Static, Type } from 'typebox';

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
});
export type AnswerSheetSubmission = Static<typeof AnswerSheetSubmission>;
