import type { Generated } from 'kysely';

/** The public site and its newsroom (issue 8). Instants are ISO-8601 strings. */

/** One row: the site's settings, owned by the top organisation that runs the site. */
export interface PortalSiteTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  name: string;
  welcome: string;
  description: string;
  copyright: string;
  address: string;
  postcode: string;
  phone: string;
  /** JSON `[{name, url}]`. */
  friendly_links: string;
  /** JSON `[{word, suggestion}]`: 错敏词 checked before publication. */
  sensitive_words: string;
  /** A column not updated for this many days is listed as stale. */
  stale_days: number;
  /** ICP 备案号 and 公安机关备案号 shown in the footer ('' when not filed yet; migration 20261205050001). */
  icp_number: string;
  police_number: string;
  /** Site-relative addresses of uploaded newsroom images ('' for none). */
  logo_image: string;
  favicon_image: string;
  updated_at: string;
}

export interface PortalChannelTable {
  id: Generated<number>;
  slug: string;
  name: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

/** A 专栏 such as 《青春答卷》; owned by an organisation whose reviewers publish into it. */
export interface PortalColumnTable {
  id: Generated<number>;
  slug: string;
  name: string;
  intro: string;
  channel_id: number;
  org_id: number;
  org_path: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface PortalArticleTable {
  id: Generated<number>;
  channel_id: number;
  column_id: number | null;
  /** The organisation the piece comes from (its editor's); scopes who may see and edit it. */
  org_id: number;
  org_path: string;
  source: string;
  title: string;
  summary: string;
  body_html: string;
  cover_image: string | null;
  featured: number;
  /** draft | submitted | returned | published | withdrawn */
  status: string;
  /** Earliest instant the piece may appear; null means on approval. */
  publish_at: string | null;
  published_at: string | null;
  review_comment: string | null;
  author_id: number | null;
  author_name: string;
  reviewer_id: number | null;
  reviewer_name: string | null;
  submitted_at: string | null;
  revision: number;
  origin: string;
  /** What a generated piece was drafted from (`answer-sheet:<org>:<from>:<to>`); unique, null when written by hand. */
  source_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface PortalRevisionTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  title: string;
  summary: string;
  body_html: string;
  user_id: number | null;
  username: string;
  note: string;
  created_at: string;
}

export interface PortalImageTable {
  id: Generated<number>;
  file_name: string;
  original_name: string;
  mime_type: string;
  bytes: number;
  org_id: number;
  org_path: string;
  user_id: number | null;
  created_at: string;
}

export interface PortalTables {
  portal_site: PortalSiteTable;
  portal_channels: PortalChannelTable;
  portal_columns: PortalColumnTable;
  portal_articles: PortalArticleTable;
  portal_revisions: PortalRevisionTable;
  portal_images: PortalImageTable;
}
