import type { CreateTableBuilder, Kysely } from 'kysely';
import { instantType, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/** The public site and its newsroom: settings, channels, columns, articles with revisions, images. */
export async function up(db: AnyDb): Promise<void> {
  const instant = instantType(db);
  const table = (name: string) =>
    withId(db, db.schema.createTable(name) as CreateTableBuilder<string, never>);

  await table('portal_site')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('welcome', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('copyright', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('friendly_links', 'text', (c) => c.notNull())
    .addColumn('sensitive_words', 'text', (c) => c.notNull())
    .addColumn('stale_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await table('portal_channels')
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await table('portal_columns')
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'integer', (c) => c.notNull().references('portal_channels.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await table('portal_articles')
    .addColumn('channel_id', 'integer', (c) => c.notNull().references('portal_channels.id'))
    .addColumn('column_id', 'integer', (c) => c.references('portal_columns.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('cover_image', 'text')
    .addColumn('featured', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publish_at', instant)
    .addColumn('published_at', instant)
    .addColumn('review_comment', 'text')
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewer_name', 'text')
    .addColumn('submitted_at', instant)
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_articles_status_published_at')
    .on('portal_articles')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema.createIndex('portal_articles_org_path').on('portal_articles').column('org_path').execute();

  await table('portal_revisions')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('portal_articles.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_revisions_article_id_revision_key')
    .on('portal_revisions')
    .columns(['article_id', 'revision'])
    .unique()
    .execute();

  await table('portal_images')
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'portal_images',
    'portal_revisions',
    'portal_articles',
    'portal_columns',
    'portal_channels',
    'portal_site',
  ])
    await db.schema.dropTable(t).execute();
}
