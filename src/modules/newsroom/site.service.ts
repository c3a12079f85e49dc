import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, assertReaches, findInReach } from '../auth/auth.policy.ts';
import { findRootOrg, requireOrgInScope } from '../orgs/orgs.service.ts';
import { imageDir } from './images.service.ts';
import { nowOf } from './newsroom.clock.ts';
import {
  type ChannelRow,
  type ColumnRow,
  findChannel,
  findChannels,
  findColumn,
  findColumns,
  findImage,
  findSite,
  insertChannel,
  insertColumn,
  insertSite,
  lastPublishedByColumn,
  type SiteRow,
  updateChannel,
  updateColumn,
  updateSite,
} from './newsroom.repository.ts';
import type {
  ChannelChanges,
  ColumnChanges,
  NewChannel,
  NewColumn,
  SiteChanges,
} from './newsroom.schemas.ts';
import { invalidatePages } from './page-cache.ts';

export interface FriendlyLink {
  name: string;
  url: string;
}
export interface SensitiveWord {
  word: string;
  suggestion: string;
}

/**
 * Commonly mistaken and sensitive wording seen in inspections of government sites; each site edits the
 * list in its settings.
 */
export const DEFAULT_SENSITIVE_WORDS: SensitiveWord[] = [
  { word: '台湾总统', suggestion: '台湾地区领导人' },
  { word: '中华民国', suggestion: '不得使用，如需指称请写“台湾地区”' },
  { word: '北韩', suggestion: '朝鲜' },
  { word: '党中央国务院', suggestion: '党中央、国务院' },
  { word: '再接再励', suggestion: '再接再厉' },
  { word: '按步就班', suggestion: '按部就班' },
  { word: '迫不急待', suggestion: '迫不及待' },
  { word: '一愁莫展', suggestion: '一筹莫展' },
  { word: '布署', suggestion: '部署' },
  { word: '贯切落实', suggestion: '贯彻落实' },
  { word: '心理咨讯', suggestion: '心理咨询' },
  { word: '共青团中央委员会书记处', suggestion: '共青团中央书记处' },
];

export const DEFAULT_STALE_DAYS = 14;

export interface Site {
  orgId: number | null;
  orgPath: string;
  name: string;
  welcome: string;
  description: string;
  copyright: string;
  address: string;
  postcode: string;
  phone: string;
  friendlyLinks: FriendlyLink[];
  sensitiveWords: SensitiveWord[];
  staleDays: number;
  icpNumber: string;
  policeNumber: string;
  logoImage: string;
  faviconImage: string;
}

function presentSite(row: SiteRow | undefined, fallbackName: string): Site {
  if (!row) {
    return {
      orgId: null,
      orgPath: '/',
      name: fallbackName,
      welcome: `欢迎访问${fallbackName}`,
      description: `${fallbackName}：团情快讯、通知公告、青春答卷`,
      copyright: `版权所有：${fallbackName}`,
      address: '',
      postcode: '',
      phone: '',
      friendlyLinks: [],
      sensitiveWords: DEFAULT_SENSITIVE_WORDS,
      staleDays: DEFAULT_STALE_DAYS,
      icpNumber: '',
      policeNumber: '',
      logoImage: '',
      faviconImage: '',
    };
  }
  return {
    orgId: row.org_id,
    orgPath: row.org_path,
    name: row.name,
    welcome: row.welcome,
    description: row.description,
    copyright: row.copyright,
    address: row.address,
    postcode: row.postcode,
    phone: row.phone,
    friendlyLinks: JSON.parse(row.friendly_links) as FriendlyLink[],
    sensitiveWords: JSON.parse(row.sensitive_words) as SensitiveWord[],
    staleDays: row.stale_days,
    icpNumber: row.icp_number,
    policeNumber: row.police_number,
    logoImage: row.logo_image,
    faviconImage: row.favicon_image,
  };
}

/** The site as readers see it; defaults named after the top organisation until settings are saved. */
export async function loadSite(db: Db): Promise<Site> {
  const row = await findSite(db);
  if (row) return presentSite(row, row.name);
  const root = await findRootOrg(db);
  return { ...presentSite(undefined, root?.name ?? '共青团网站'), orgPath: root?.path ?? '/' };
}

/** The site's settings row, created for the top organisation on first use. */
async function requireSiteRow(db: Db): Promise<SiteRow> {
  const found = await findSite(db);
  if (found) return found;
  const root = await findRootOrg(db);
  if (!root) throw new NotFoundError('尚无组织，无法建立网站');
  const defaults = presentSite(undefined, root.name);
  await insertSite(db, {
    org_id: root.id,
    org_path: root.path,
    name: defaults.name,
    welcome: defaults.welcome,
    description: defaults.description,
    copyright: defaults.copyright,
    address: '',
    postcode: '',
    phone: '',
    friendly_links: '[]',
    sensitive_words: JSON.stringify(DEFAULT_SENSITIVE_WORDS),
    stale_days: DEFAULT_STALE_DAYS,
    icp_number: '',
    police_number: '',
    logo_image: '',
    favicon_image: '',
    updated_at: nowIso(),
  });
  return (await findSite(db))!;
}

export async function getSiteSettings(ctx: AppContext, actor: Actor): Promise<Site> {
  assertCan(actor, 'portal.edit');
  return loadSite(ctx.db);
}

function checkLink(link: FriendlyLink, index: number): void {
  if (!/^https?:\/\/[^\s/]+\.[^\s]+$/.test(link.url) && !/^\/[^\s]*$/.test(link.url)) {
    throw ValidationError.field(`friendlyLinks.${index}.url`, link.url, '链接应以 http:// 或 https:// 开头');
  }
}

/** ICP 备案号 as the MIIT issues it: a province's short name, ICP备, the number, 号, and a site's -n. */
const ICP_NUMBER = /^[\u4e00-\u9fa5]ICP备\d{6,10}号(-\d{1,3})?$/;
/** 公安机关备案号: a province's short name, 公网安备, 14 digits, 号 (the space often copied in is dropped). */
const POLICE_NUMBER = /^[\u4e00-\u9fa5]公网安备(\d{14})号$/;

function checkFilingNumbers(changes: SiteChanges): { icp?: string; police?: string } {
  const icp = changes.icpNumber?.replace(/\s+/g, '');
  const police = changes.policeNumber?.replace(/\s+/g, '');
  if (icp && !ICP_NUMBER.test(icp))
    throw ValidationError.field(
      'icpNumber',
      changes.icpNumber,
      'ICP备案号格式应如“京ICP备12345678号”或“京ICP备12345678号-1”',
    );
  if (police && !POLICE_NUMBER.test(police))
    throw ValidationError.field(
      'policeNumber',
      changes.policeNumber,
      '公安备案号格式应如“京公网安备11010502030143号”（14位数字）',
    );
  return { icp, police };
}

/** The 14 digits of a 公安机关备案号, for the link to its record. */
export function policeRecordCode(number: string): string | null {
  return POLICE_NUMBER.exec(number)?.[1] ?? null;
}

export const MAX_LOGO_BYTES = 1024 * 1024;
export const MAX_FAVICON_BYTES = 100 * 1024;

/**
 * The emblem and the favicon are pictures uploaded to the newsroom (type checked by their bytes there); the
 * favicon must also be a square PNG a browser tab can show (16–512 px), and small.
 */
async function checkSiteImage(ctx: AppContext, db: Db, field: 'logoImage' | 'faviconImage', url: string) {
  const name = /^\/uploads\/portal\/([\w.-]+)$/.exec(url)?.[1];
  const image = name ? await findImage(db, name) : undefined;
  if (!image) throw ValidationError.field(field, url, '请先上传图片（只能使用本站上传的图片）');
  if (field === 'logoImage') {
    if (image.bytes > MAX_LOGO_BYTES)
      throw ValidationError.field(field, url, `网站标志图片不能超过 ${MAX_LOGO_BYTES / 1024} KB`);
    return;
  }
  if (image.mime_type !== 'image/png') throw ValidationError.field(field, url, '网站图标只能使用 PNG 图片');
  if (image.bytes > MAX_FAVICON_BYTES)
    throw ValidationError.field(field, url, `网站图标不能超过 ${MAX_FAVICON_BYTES / 1024} KB`);
  const size = pngSize(await readFile(path.join(imageDir(ctx.config.dataDir), image.file_name)));
  if (!size || size.width !== size.height || size.width < 16 || size.width > 512)
    throw ValidationError.field(
      field,
      url,
      `网站图标应为正方形，边长 16 至 512 像素${size ? `（此图为 ${size.width}×${size.height}）` : ''}`,
    );
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 24 || b.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Only the committee that runs the site (or above) changes its settings. */
export async function changeSiteSettings(ctx: AppContext, actor: Actor, changes: SiteChanges) {
  assertCan(actor, 'portal.settings');
  changes.friendlyLinks?.forEach(checkLink);
  const words = changes.sensitiveWords?.map((w) => ({
    word: w.word.trim(),
    suggestion: w.suggestion.trim(),
  }));
  if (words?.some((w) => w.word === ''))
    throw ValidationError.field('sensitiveWords', null, '错敏词不能为空');
  const filing = checkFilingNumbers(changes);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireSiteRow(trx);
    assertReaches(actor, row.org_path);
    if (changes.logoImage) await checkSiteImage(ctx, trx, 'logoImage', changes.logoImage);
    if (changes.faviconImage) await checkSiteImage(ctx, trx, 'faviconImage', changes.faviconImage);
    await updateSite(trx, row.id, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.welcome !== undefined ? { welcome: changes.welcome } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.copyright !== undefined ? { copyright: changes.copyright } : {}),
      ...(changes.address !== undefined ? { address: changes.address } : {}),
      ...(changes.postcode !== undefined ? { postcode: changes.postcode } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      ...(changes.friendlyLinks !== undefined
        ? { friendly_links: JSON.stringify(changes.friendlyLinks) }
        : {}),
      ...(words !== undefined ? { sensitive_words: JSON.stringify(words) } : {}),
      ...(changes.staleDays !== undefined ? { stale_days: changes.staleDays } : {}),
      ...(filing.icp !== undefined ? { icp_number: filing.icp } : {}),
      ...(filing.police !== undefined ? { police_number: filing.police } : {}),
      ...(changes.logoImage !== undefined ? { logo_image: changes.logoImage } : {}),
      ...(changes.faviconImage !== undefined ? { favicon_image: changes.faviconImage } : {}),
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_site',
      entityId: row.id,
      org: { path: row.org_path, code: '' },
      summary: '修改网站设置',
      detail: changes,
    });
  });
  await invalidatePages(ctx);
  return loadSite(ctx.db);
}

export function presentChannel(c: ChannelRow) {
  return { id: c.id, slug: c.slug, name: c.name, sortOrder: c.sort_order };
}

export function presentColumn(c: ColumnRow, channels: ChannelRow[]) {
  const channel = channels.find((ch) => ch.id === c.channel_id);
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    intro: c.intro,
    channelSlug: channel?.slug ?? '',
    channelName: channel?.name ?? '',
    orgCode: c.org_code,
    orgName: c.org_name,
    sortOrder: c.sort_order,
  };
}

/** A committee's columns are its subtree's business; those of the committees above take its pieces. */
function columnVisible(actor: Actor, c: ColumnRow): boolean {
  return c.org_path.startsWith(actor.scopePath) || actor.scopePath.startsWith(c.org_path);
}

/** The site's channels, and the columns the caller works with. */
export async function getStructure(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'portal.edit');
  const channels = await findChannels(ctx.db);
  const columns = (await findColumns(ctx.db)).filter((c) => columnVisible(actor, c));
  return {
    channels: channels.map(presentChannel),
    columns: columns.map((c) => presentColumn(c, channels)),
  };
}

async function requireChannelBySlug(db: Db, slug: string, field = 'channelSlug') {
  const channel = await findChannel(db, { slug });
  if (!channel) throw ValidationError.field(field, slug, `频道 ${slug} 不存在`);
  return channel;
}

export async function createChannel(ctx: AppContext, actor: Actor, input: NewChannel) {
  assertCan(actor, 'portal.settings');
  await ctx.db.transaction().execute(async (trx) => {
    const site = await requireSiteRow(trx);
    assertReaches(actor, site.org_path);
    if (await findChannel(trx, { slug: input.slug }))
      throw new ConflictError(`频道标识 ${input.slug} 已存在`);
    const now = nowIso();
    const id = await insertChannel(trx, {
      slug: input.slug,
      name: input.name,
      sort_order: input.sortOrder ?? 100,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'portal_channel',
      entityId: id,
      org: { path: site.org_path, code: '' },
      summary: `新建网站频道「${input.name}」`,
      detail: input,
    });
  });
  await invalidatePages(ctx);
  return presentChannel((await findChannel(ctx.db, { slug: input.slug }))!);
}

export async function changeChannel(ctx: AppContext, actor: Actor, slug: string, changes: ChannelChanges) {
  assertCan(actor, 'portal.settings');
  await ctx.db.transaction().execute(async (trx) => {
    const site = await requireSiteRow(trx);
    assertReaches(actor, site.org_path);
    const channel = await findChannel(trx, { slug });
    if (!channel) throw new NotFoundError(`频道 ${slug} 不存在`);
    await updateChannel(trx, channel.id, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_channel',
      entityId: channel.id,
      org: { path: site.org_path, code: '' },
      summary: `修改网站频道「${channel.name}」`,
      detail: changes,
    });
  });
  await invalidatePages(ctx);
  return presentChannel((await findChannel(ctx.db, { slug }))!);
}

export async function createColumn(ctx: AppContext, actor: Actor, input: NewColumn) {
  assertCan(actor, 'portal.settings');
  await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    const channel = await requireChannelBySlug(trx, input.channelSlug);
    if (await findColumn(trx, { slug: input.slug })) throw new ConflictError(`专栏标识 ${input.slug} 已存在`);
    const now = nowIso();
    const id = await insertColumn(trx, {
      slug: input.slug,
      name: input.name,
      intro: input.intro ?? '',
      channel_id: channel.id,
      org_id: org.id,
      org_path: org.path,
      sort_order: input.sortOrder ?? 100,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'portal_column',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `新建专栏《${input.name}》`,
      detail: input,
    });
  });
  await invalidatePages(ctx);
  return presentColumn((await findColumn(ctx.db, { slug: input.slug }))!, await findChannels(ctx.db));
}

export async function changeColumn(ctx: AppContext, actor: Actor, slug: string, changes: ColumnChanges) {
  assertCan(actor, 'portal.settings');
  await ctx.db.transaction().execute(async (trx) => {
    const column = await findInReach(
      actor,
      findColumn(trx, { slug }),
      (c) => c.org_path,
      `专栏 ${slug} 不存在`,
    );
    const channel = changes.channelSlug ? await requireChannelBySlug(trx, changes.channelSlug) : null;
    await updateColumn(trx, column.id, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.intro !== undefined ? { intro: changes.intro } : {}),
      ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
      ...(channel ? { channel_id: channel.id } : {}),
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_column',
      entityId: column.id,
      org: { path: column.org_path, code: column.org_code },
      summary: `修改专栏《${column.name}》`,
      detail: changes,
    });
  });
  await invalidatePages(ctx);
  return presentColumn((await findColumn(ctx.db, { slug }))!, await findChannels(ctx.db));
}

/**
 * Columns of the caller's subtree not updated for the site's stale period (inspections fail a site for
 * them), with the days since their last piece; a column never published in counts from its creation.
 */
export async function staleColumns(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'portal.edit');
  const site = await loadSite(ctx.db);
  const now = nowOf(ctx);
  const last = new Map(
    (await lastPublishedByColumn(ctx.db, now)).map((r) => [r.column_id, r.last as string | null]),
  );
  const channels = await findChannels(ctx.db);
  const day = 86_400_000;
  const items = (await findColumns(ctx.db))
    .filter((c) => columnVisible(actor, c))
    .map((c) => {
      const lastPublishedAt = last.get(c.id) ?? null;
      const since = lastPublishedAt ?? c.updated_at;
      const days = Math.floor((Date.parse(now) - Date.parse(since)) / day);
      return { ...presentColumn(c, channels), lastPublishedAt, daysSinceUpdate: days };
    })
    .filter((c) => c.daysSinceUpdate >= site.staleDays);
  return { staleDays: site.staleDays, items };
}

export { requireSiteRow };
