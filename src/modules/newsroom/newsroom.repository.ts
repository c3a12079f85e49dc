import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { isPostgres } from '../../db/dialect-helpers.ts';
import type {
  PortalArticleTable,
  PortalChannelTable,
  PortalColumnTable,
  PortalImageTable,
  PortalRevisionTable,
  PortalSiteTable,
} from '../../db/portal-schema.ts';

/** Kysely for the site and newsroom; the only place their tables are touched. */

/** A LIKE pattern matching the text literally (a reader's % or _ is not a wildcard). */
function contains(text: string): string {
  return `%${text.replace(/[!%_]/g, '!$&')}%`;
}

export async function findSite(db: Db) {
  return db.selectFrom('portal_site').selectAll().orderBy('id').executeTakeFirst();
}
export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSite>>>;

export async function insertSite(db: Db, row: Insertable<PortalSiteTable>): Promise<void> {
  await db.insertInto('portal_site').values(row).execute();
}

export async function updateSite(db: Db, id: number, changes: Updateable<PortalSiteTable>): Promise<void> {
  await db.updateTable('portal_site').set(changes).where('id', '=', id).execute();
}

export async function findChannels(db: Db) {
  return db.selectFrom('portal_channels').selectAll().orderBy('sort_order').orderBy('id').execute();
}
export type ChannelRow = Awaited<ReturnType<typeof findChannels>>[number];

export async function findChannel(db: Db, by: { id?: number; slug?: string }) {
  let q = db.selectFrom('portal_channels').selectAll();
  if (by.id !== undefined) q = q.where('id', '=', by.id);
  if (by.slug !== undefined) q = q.where('slug', '=', by.slug);
  return q.executeTakeFirst();
}

export async function insertChannel(db: Db, row: Insertable<PortalChannelTable>): Promise<number> {
  const r = await db.insertInto('portal_channels').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateChannel(db: Db, id: number, changes: Updateable<PortalChannelTable>) {
  await db.updateTable('portal_channels').set(changes).where('id', '=', id).execute();
}

const columnColumns = [
  'portal_columns.id',
  'portal_columns.slug',
  'portal_columns.name',
  'portal_columns.intro',
  'portal_columns.channel_id',
  'portal_columns.org_id',
  'portal_columns.org_path',
  'portal_columns.sort_order',
  'portal_columns.updated_at',
  'orgs.name as org_name',
  'orgs.code as org_code',
] as const;

export async function findColumns(db: Db) {
  return db
    .selectFrom('portal_columns')
    .innerJoin('orgs', 'orgs.id', 'portal_columns.org_id')
    .select(columnColumns)
    .orderBy('portal_columns.sort_order')
    .orderBy('portal_columns.id')
    .execute();
}
export type ColumnRow = Awaited<ReturnType<typeof findColumns>>[number];

export async function findColumn(db: Db, by: { id?: number; slug?: string }) {
  let q = db
    .selectFrom('portal_columns')
    .innerJoin('orgs', 'orgs.id', 'portal_columns.org_id')
    .select(columnColumns);
  if (by.id !== undefined) q = q.where('portal_columns.id', '=', by.id);
  if (by.slug !== undefined) q = q.where('portal_columns.slug', '=', by.slug);
  return q.executeTakeFirst();
}

export async function insertColumn(db: Db, row: Insertable<PortalColumnTable>): Promise<number> {
  const r = await db.insertInto('portal_columns').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateColumn(db: Db, id: number, changes: Updateable<PortalColumnTable>) {
  await db.updateTable('portal_columns').set(changes).where('id', '=', id).execute();
}

/** The latest publication instant of each column (null for a column never published in). */
export async function lastPublishedByColumn(db: Db, now: string) {
  return db
    .selectFrom('portal_articles')
    .select(['column_id', (eb) => eb.fn.max('published_at').as('last')])
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .where('column_id', 'is not', null)
    .groupBy('column_id')
    .execute();
}

const articleColumns = [
  'portal_articles.id',
  'portal_articles.channel_id',
  'portal_articles.column_id',
  'portal_articles.org_id',
  'portal_articles.org_path',
  'portal_articles.source',
  'portal_articles.title',
  'portal_articles.summary',
  'portal_articles.cover_image',
  'portal_articles.featured',
  'portal_articles.status',
  'portal_articles.publish_at',
  'portal_articles.published_at',
  'portal_articles.review_comment',
  'portal_articles.author_id',
  'portal_articles.author_name',
  'portal_articles.reviewer_name',
  'portal_articles.submitted_at',
  'portal_articles.revision',
  'portal_articles.origin',
  'portal_articles.created_at',
  'portal_articles.updated_at',
  'portal_channels.name as channel_name',
  'portal_channels.slug as channel_slug',
  'portal_columns.name as column_name',
  'portal_columns.slug as column_slug',
  'portal_columns.org_path as column_org_path',
  'orgs.code as org_code',
] as const;

function articles(db: Db) {
  return db
    .selectFrom('portal_articles')
    .innerJoin('portal_channels', 'portal_channels.id', 'portal_articles.channel_id')
    .leftJoin('portal_columns', 'portal_columns.id', 'portal_articles.column_id')
    .innerJoin('orgs', 'orgs.id', 'portal_articles.org_id');
}

export async function findArticle(db: Db, id: number) {
  return articles(db)
    .select([...articleColumns, 'portal_articles.body_html'])
    .where('portal_articles.id', '=', id)
    .executeTakeFirst();
}
export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticle>>>;
export type ArticleListRow = Omit<ArticleRow, 'body_html'>;

export interface ArticleFilter {
  /** The caller's subtree: pieces from it, or sent to a column it owns. */
  scopePath: string;
  status?: string;
  authorId?: number;
  /** Reviewer's queue: submitted pieces whose target (column, else the site) lies in this subtree. */
  reviewPath?: string;
  sitePath?: string;
  columnId?: number;
  q?: string;
  limit: number;
  offset: number;
}

function filtered(db: Db, f: ArticleFilter) {
  let q = articles(db).where((eb) =>
    eb.or([
      eb('portal_articles.org_path', 'like', `${f.scopePath}%`),
      eb('portal_columns.org_path', 'like', `${f.scopePath}%`),
    ]),
  );
  if (f.status) q = q.where('portal_articles.status', '=', f.status);
  if (f.authorId !== undefined) q = q.where('portal_articles.author_id', '=', f.authorId);
  if (f.columnId !== undefined) q = q.where('portal_articles.column_id', '=', f.columnId);
  if (f.q) q = q.where(sql<boolean>`portal_articles.title like ${contains(f.q)} escape '!'`);
  if (f.reviewPath !== undefined) {
    const path = f.reviewPath;
    const sitePath = f.sitePath ?? '/';
    q = q.where((eb) =>
      eb.or([
        eb('portal_columns.org_path', 'like', `${path}%`),
        sitePath.startsWith(path) ? eb('portal_articles.column_id', 'is', null) : eb.val(false),
      ]),
    );
  }
  return q;
}

export async function findArticles(db: Db, f: ArticleFilter) {
  const rows = await filtered(db, f)
    .select(articleColumns)
    .orderBy('portal_articles.updated_at', 'desc')
    .orderBy('portal_articles.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: await countArticles(db, f) };
}

/** The count of findArticles (also the to-do centre's). */
export async function countArticles(db: Db, f: Omit<ArticleFilter, 'limit' | 'offset'>): Promise<number> {
  const total = await filtered(db, { ...f, limit: 0, offset: 0 })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(total.n);
}

export interface PublishedFilter {
  now: string;
  channelId?: number;
  columnId?: number;
  featured?: boolean;
  /** Only pieces with a cover picture (the home page's picture news). */
  withCover?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

function published(db: Db, f: PublishedFilter) {
  let q = articles(db)
    .where('portal_articles.status', '=', 'published')
    .where('portal_articles.published_at', '<=', f.now);
  if (f.channelId !== undefined) q = q.where('portal_articles.channel_id', '=', f.channelId);
  if (f.columnId !== undefined) q = q.where('portal_articles.column_id', '=', f.columnId);
  if (f.featured) q = q.where('portal_articles.featured', '=', 1);
  if (f.withCover)
    q = q.where('portal_articles.cover_image', 'is not', null).where('portal_articles.cover_image', '!=', '');
  if (f.q) {
    const like = contains(f.q);
    q = q.where(
      sql<boolean>`(portal_articles.title like ${like} escape '!' or portal_articles.body_html like ${like} escape '!')`,
    );
  }
  return q;
}

export async function findPublished(db: Db, f: PublishedFilter) {
  return published(db, f)
    .select(articleColumns)
    .orderBy('portal_articles.published_at', 'desc')
    .orderBy('portal_articles.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function countPublished(db: Db, f: PublishedFilter): Promise<number> {
  const r = await published(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The published neighbours of a piece in its channel, by publication order. */
export async function findNeighbours(db: Db, article: ArticleRow, now: string) {
  const base = () =>
    db
      .selectFrom('portal_articles')
      .select(['id', 'title'])
      .where('status', '=', 'published')
      .where('published_at', '<=', now)
      .where('channel_id', '=', article.channel_id)
      .where('id', '!=', article.id);
  const at = article.published_at!;
  const previous = await base()
    .where((eb) =>
      eb.or([eb('published_at', '<', at), eb.and([eb('published_at', '=', at), eb('id', '<', article.id)])]),
    )
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const next = await base()
    .where((eb) =>
      eb.or([eb('published_at', '>', at), eb.and([eb('published_at', '=', at), eb('id', '>', article.id)])]),
    )
    .orderBy('published_at')
    .orderBy('id')
    .executeTakeFirst();
  return { previous: previous ?? null, next: next ?? null };
}

/** The next instant a scheduled piece goes live, so cached pages expire exactly then. */
export async function findNextScheduled(db: Db, now: string): Promise<string | null> {
  const r = await db
    .selectFrom('portal_articles')
    .select((eb) => eb.fn.min('published_at').as('next'))
    .where('status', '=', 'published')
    .where('published_at', '>', now)
    .executeTakeFirst();
  return (r?.next as string | null | undefined) ?? null;
}

export async function insertArticle(db: Db, row: Insertable<PortalArticleTable>): Promise<number> {
  const r = await db.insertInto('portal_articles').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Inserts a generated piece under its source key, or nothing when a piece already holds the key (the unique
 * index decides, so two submissions at once cannot both insert: PostgreSQL makes the second wait for the first's
 * commit, then skips). Null when the key was taken.
 */
export async function insertArticleUnlessKeyTaken(
  db: Db,
  row: Insertable<PortalArticleTable> & { source_key: string },
): Promise<number | null> {
  const r = await db
    .insertInto('portal_articles')
    .values(row)
    .onConflict((oc) => oc.column('source_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function findArticleIdByKey(db: Db, sourceKey: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('portal_articles')
    .select('id')
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return r?.id;
}

/**
 * Holds a piece's row (PostgreSQL) until the transaction ends: two edits at once would both read revision n
 * and both write n + 1. SQLite runs one write transaction at a time anyway.
 */
export async function lockArticle(db: Db, id: number): Promise<void> {
  if (isPostgres(db))
    await db.selectFrom('portal_articles').select('id').where('id', '=', id).forUpdate().execute();
}

export async function updateArticle(db: Db, id: number, changes: Updateable<PortalArticleTable>) {
  await db.updateTable('portal_articles').set(changes).where('id', '=', id).execute();
}

export async function insertRevision(db: Db, row: Insertable<PortalRevisionTable>): Promise<void> {
  await db.insertInto('portal_revisions').values(row).execute();
}

export async function findRevisions(db: Db, articleId: number) {
  return db
    .selectFrom('portal_revisions')
    .select(['revision', 'title', 'username', 'note', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('revision', 'desc')
    .execute();
}

export async function insertImage(db: Db, row: Insertable<PortalImageTable>): Promise<void> {
  await db.insertInto('portal_images').values(row).execute();
}

export async function findImage(db: Db, fileName: string) {
  return db.selectFrom('portal_images').selectAll().where('file_name', '=', fileName).executeTakeFirst();
}

/** Published pieces for the sitemap and feed, newest first. */
export async function findPublishedIndex(db: Db, now: string, limit: number) {
  return db
    .selectFrom('portal_articles')
    .select(['id', 'title', 'summary', 'source', 'published_at', 'updated_at'])
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}
