import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { stripImageMetadata } from '../../lib/image-metadata.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import {
  findAttachment,
  findAttachmentsOf,
  findMeetingById,
  insertAttachment,
} from './branch-life.repository.ts';

/** The newsroom's upload limit (images.service MAX_IMAGE_BYTES): one size for every file a form uploads. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

/** What a meeting record takes: photos, the scanned sign-in sheet (PDF) and Office files; told by their bytes. */
const KINDS: { mime: string; ext: string; test: (b: Buffer, name: string) => boolean; image?: boolean }[] = [
  {
    mime: 'image/png',
    ext: 'png',
    image: true,
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/jpeg',
    ext: 'jpg',
    image: true,
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    image: true,
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { mime: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  ...(
    [
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ] as const
  ).map(([ext, mime]) => ({
    mime,
    ext,
    test: (b: Buffer, name: string) =>
      b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) &&
      name.toLowerCase().endsWith(`.${ext}`),
  })),
];

const dirOf = (dataDir: string) => path.join(dataDir, 'uploads', 'meetings');

/**
 * Attaches a file to a meeting record (issue 17, item 11). Stored under the data folder with a random name, mode
 * 0600, never among the public uploads: photos of members are read through the meeting's scoped route only.
 * Photos lose their EXIF (GPS position) as the newsroom's do.
 */
export async function attachToMeeting(
  ctx: AppContext,
  actor: Actor,
  meetingId: number,
  receive: () => Promise<{ name: string; content: Buffer; truncated: boolean }>,
) {
  assertCan(actor, 'person.write');
  // The meeting's reach is checked before the body is read: another county's upload is refused unread.
  const meeting = await findInReach(
    actor,
    findMeetingById(ctx.db, meetingId),
    (m) => m.org_path,
    '会议记录不存在',
  );
  const file = await receive();
  if (file.truncated || file.content.length > MAX_ATTACHMENT_BYTES)
    throw ValidationError.field('file', file.name, `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  if (file.content.length === 0) throw ValidationError.field('file', file.name, '附件文件是空的');
  const kind = KINDS.find((k) => k.test(file.content, file.name));
  if (!kind)
    throw ValidationError.field(
      'file',
      file.name,
      '附件只能是照片（JPEG、PNG、WebP）、PDF 或 Word、Excel、PPT 文件',
    );
  if ((await findAttachmentsOf(ctx.db, meetingId)).length >= MAX_ATTACHMENTS)
    throw ValidationError.field('file', file.name, `每次会议最多 ${MAX_ATTACHMENTS} 个附件`);
  const content = kind.image ? stripImageMetadata(file.content, kind.mime) : file.content;
  if (!content) throw ValidationError.field('file', file.name, '图片文件不完整或已损坏，请重新导出后上传');
  const fileName = `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}.${kind.ext}`;
  await mkdir(dirOf(ctx.config.dataDir), { recursive: true });
  await writeFile(path.join(dirOf(ctx.config.dataDir), fileName), content, { flag: 'wx', mode: 0o600 });
  const name = file.name.slice(0, 200);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await insertAttachment(trx, {
      meeting_id: meetingId,
      org_path: meeting.org_path,
      file_name: fileName,
      original_name: name,
      mime_type: kind.mime,
      bytes: content.length,
      user_id: actor.userId > 0 ? actor.userId : null,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'branch_meeting',
      entityId: meetingId,
      org: { path: meeting.org_path, code: meeting.org_code },
      summary: `${meeting.org_name} ${meeting.held_on}「${meeting.topic}」添加附件 ${name}（${Math.ceil(content.length / 1024)} KB）`,
    });
    return id;
  });
  return { id, name, mimeType: kind.mime, bytes: content.length };
}

/** One attachment's bytes, for a reader of the meeting (same reach as the meeting itself). */
export async function readAttachment(ctx: AppContext, actor: Actor, meetingId: number, attachmentId: number) {
  assertCan(actor, 'person.read');
  await findInReach(actor, findMeetingById(ctx.db, meetingId), (m) => m.org_path, '会议记录不存在');
  const a = await findAttachment(ctx.db, meetingId, attachmentId);
  if (!a) throw new NotFoundError('附件不存在');
  const content = await readFile(path.join(dirOf(ctx.config.dataDir), a.file_name)).catch(() => null);
  if (!content) throw new NotFoundError('附件文件已不在存储中');
  return { name: a.original_name, mimeType: a.mime_type, content };
}
