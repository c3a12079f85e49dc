import type { AppContext } from '../../context.ts';
import { nowOf } from '../newsroom/newsroom.clock.ts';
import {
  type ArticleListRow,
  countPublished,
  findChannel,
  findChannels,
  findColumn,
  findColumns,
  findNeighbours,
  findNextScheduled,
  findPublished,
  findPublishedArticle,
  findPublishedIndex,
} from '../newsroom/newsroom.service.ts';
import { loadSite } from '../newsroom/site.service.ts';

/** What the public pages read: published pieces only, as of the newsroom's clock. No actor, no scope. */

export const PAGE_SIZE = 20;
/** How many of the latest pieces with a cover the home page's picture strip shows. */
export const PICTURE_NEWS = 8;

export async function frameData(ctx: AppContext) {
  const [site, channels] = await Promise.all([loadSite(ctx.db), findChannels(ctx.db)]);
  return { site, channels: channels.map((c) => ({ slug: c.slug, name: c.name })), now: nowOf(ctx) };
}

export async function nextScheduled(ctx: AppContext, now: string) {
  return findNextScheduled(ctx.db, now);
}

export async function homeData(ctx: AppContext, now: string) {
  const channels = await findChannels(ctx.db);
  const columns = await findColumns(ctx.db);
  const featured = await findPublished(ctx.db, { now, featured: true, limit: 3, offset: 0 });
  const pictures = await findPublished(ctx.db, { now, withCover: true, limit: PICTURE_NEWS, offset: 0 });
  const perChannel: { channel: (typeof channels)[number]; items: ArticleListRow[] }[] = [];
  for (const channel of channels) {
    perChannel.push({
      channel,
      items: await findPublished(ctx.db, { now, channelId: channel.id, limit: 8, offset: 0 }),
    });
  }
  const perColumn: { column: (typeof columns)[number]; items: ArticleListRow[] }[] = [];
  for (const column of columns) {
    perColumn.push({
      column,
      items: await findPublished(ctx.db, { now, columnId: column.id, limit: 5, offset: 0 }),
    });
  }
  return { featured, pictures, perChannel, perColumn };
}

export async function channelData(ctx: AppContext, slug: string, page: number, now: string) {
  const channel = await findChannel(ctx.db, { slug });
  if (!channel) return null;
  const filter = { now, channelId: channel.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const [items, total, columns] = await Promise.all([
    findPublished(ctx.db, filter),
    countPublished(ctx.db, filter),
    findColumns(ctx.db),
  ]);
  return { channel, items, total, columns: columns.filter((c) => c.channel_id === channel.id) };
}

export async function columnData(ctx: AppContext, slug: string, page: number, now: string) {
  const column = await findColumn(ctx.db, { slug });
  if (!column) return null;
  const channel = (await findChannel(ctx.db, { id: column.channel_id }))!;
  const filter = { now, columnId: column.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const [items, total] = await Promise.all([findPublished(ctx.db, filter), countPublished(ctx.db, filter)]);
  return { column, channel, items, total };
}

export async function articleData(ctx: AppContext, id: number, now: string) {
  const article = await findPublishedArticle(ctx.db, id, now);
  if (!article) return null;
  const neighbours = await findNeighbours(ctx.db, article, now);
  return { article, ...neighbours };
}

export async function searchData(ctx: AppContext, q: string, page: number, now: string) {
  const filter = { now, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const [items, total] = await Promise.all([findPublished(ctx.db, filter), countPublished(ctx.db, filter)]);
  return { items, total };
}

export async function indexData(ctx: AppContext, now: string, limit: number) {
  const [items, channels, columns] = await Promise.all([
    findPublishedIndex(ctx.db, now, limit),
    findChannels(ctx.db),
    findColumns(ctx.db),
  ]);
  return { items, channels, columns };
}
