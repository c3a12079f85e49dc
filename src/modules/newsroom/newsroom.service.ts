import type { Db } from '../../db/create-db.ts';
import { findArticle } from './newsroom.repository.ts';

/**
 * What other modules read of the newsroom: the portal's published pieces, its channels and columns. This file is
 * the newsroom module's public face; others never import newsroom.repository.ts (issue 16 item 2).
 */
export {
  type ArticleListRow,
  type ArticleRow,
  type ColumnRow,
  countPublished,
  findChannel,
  findChannels,
  findColumn,
  findColumns,
  findNeighbours,
  findNextScheduled,
  findPublished,
  findPublishedIndex,
} from './newsroom.repository.ts';

/** A piece as the public sees it: published and dated no later than `now` (a scheduled piece is not out yet). */
export async function findPublishedArticle(db: Db, id: number, now: string) {
  const article = await findArticle(db, id);
  return article?.status === 'published' && (article.published_at ?? '') <= now ? article : undefined;
}
