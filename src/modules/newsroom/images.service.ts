import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { ValidationError } from '../../lib/errors.ts';
import { stripImageMetadata } from '../../lib/image-metadata.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { insertImage } from './newsroom.repository.ts';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The image kinds a browser shows everywhere, told by their first bytes rather than by name or header. */
const KINDS: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', ext: 'gif', test: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export function imageDir(dataDir: string): string {
  return path.join(dataDir, 'uploads', 'portal');
}

export function mimeOfFile(fileName: string): string | null {
  const ext = fileName.split('.').pop();
  return KINDS.find((k) => k.ext === ext)?.mime ?? null;
}

/** Stores an uploaded image under the data folder; SVG and anything else that is not a plain picture is refused. */
export async function uploadImage(
  ctx: AppContext,
  actor: Actor,
  file: { name: string; content: Buffer; truncated: boolean },
  orgCode?: string,
) {
  assertCan(actor, 'portal.edit');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  if (file.truncated || file.content.length > MAX_IMAGE_BYTES) {
    throw ValidationError.field('file', file.name, `图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  }
  if (file.content.length === 0) throw ValidationError.field('file', file.name, '图片文件是空的');
  const kind = KINDS.find((k) => k.test(file.content));
  if (!kind) throw ValidationError.field('file', file.name, '只能上传 PNG、JPEG、GIF 或 WebP 图片');
  // EXIF with the GPS position, the camera, XMP and comments go before the picture is stored and published.
  const content = stripImageMetadata(file.content, kind.mime);
  if (!content) throw ValidationError.field('file', file.name, '图片文件不完整或已损坏，请重新导出后上传');
  const fileName = `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}.${kind.ext}`;
  await mkdir(imageDir(ctx.config.dataDir), { recursive: true });
  await writeFile(path.join(imageDir(ctx.config.dataDir), fileName), content, { flag: 'wx' });
  await ctx.db.transaction().execute(async (trx) => {
    await insertImage(trx, {
      file_name: fileName,
      original_name: file.name.slice(0, 200),
      mime_type: kind.mime,
      bytes: content.length,
      org_id: org.id,
      org_path: org.path,
      user_id: actor.userId > 0 ? actor.userId : null,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'portal_image',
      entityId: fileName,
      org: { path: org.path, code: org.code },
      summary: `上传网站图片 ${file.name}（${Math.ceil(content.length / 1024)} KB）`,
    });
  });
  return { url: `/uploads/portal/${fileName}`, mimeType: kind.mime, bytes: content.length };
}
