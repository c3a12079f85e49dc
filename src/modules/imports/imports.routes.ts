import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { ValidationError } from '../../lib/errors.ts';
import { actorOf } from '../auth/auth.request.ts';
import { NoContent, Paging } from '../shared.schemas.ts';
import type { HeaderMapping } from './header-mapping.ts';
import { suggestHeaders } from './header-suggest.ts';
import { listImportMappings, removeImportMapping, saveImportMapping } from './import-mappings.service.ts';
import type { ImportQueue } from './import-queue.ts';
import {
  ImportKindsReply,
  ImportListReply,
  ImportQuery,
  ImportResultReply,
  ImportTemplateReply,
  KindParam,
  MappingIdParam,
  SavedMappingReply,
  SavedMappingsReply,
  SaveMappingBody,
  SuggestReply,
} from './imports.schemas.ts';
import { importTemplate, importUpload, listImportKinds, listImports } from './imports.service.ts';
import { importKindOf } from './kinds.ts';
import { parseMapping } from './mapping-file.ts';

/**
 * The mapping sent with a file: a form field `mapping` (JSON) placed before the file, as the admin's mapping
 * step sends it. Fields after the file are not read: the file is streamed, not buffered.
 */
function mappingField(upload: MultipartFile): HeaderMapping | undefined {
  const field = upload.fields.mapping as MultipartValue<string> | MultipartValue<string>[] | undefined;
  const value = Array.isArray(field) ? field[0]?.value : field?.value;
  if (value == null || value === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw ValidationError.field('mapping', null, '对应关系无效：不是有效的 JSON');
  }
  return parseMapping(json);
}

/** Spools the request's file to disk (so it can be sniffed, checksummed and streamed, whatever its size). */
async function spoolUpload(ctx: AppContext, request: FastifyRequest, onSpooled: (path: string) => void) {
  const upload = await request.file();
  if (!upload) throw ValidationError.field('file', null, '请选择要上传的文件');
  const mapping = mappingField(upload);
  const dir = path.join(ctx.config.dataDir, 'uploads', 'imports');
  await mkdir(dir, { recursive: true });
  const spooled = path.join(dir, `${randomUUID()}.upload`);
  onSpooled(spooled);
  await pipeline(upload.file, createWriteStream(spooled, { mode: 0o600 }));
  if (upload.file.truncated) throw ValidationError.field('file', upload.filename, '上传的文件过大');
  return { path: spooled, name: upload.filename, mapping };
}

export function importRoutes(ctx: AppContext, queue: ImportQueue): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['imports'];
    app.get(
      '/kinds',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '本账号可导入的类型与列（角色无权写入其数据的类型不列出）',
          response: { 200: ImportKindsReply },
        },
      },
      async (request) => listImportKinds(actorOf(request)),
    );
    app.get(
      '/kinds/:kind/template',
      {
        config: { permission: 'import.run' },
        schema: { tags, summary: '下载导入模板', params: KindParam, response: { 200: ImportTemplateReply } },
      },
      async (request, reply) => {
        const { fileName, content } = await importTemplate(actorOf(request), request.params.kind);
        return reply.type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(content);
      },
    );
    app.get(
      '/',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '导入记录，以及排队中、导入中、已中断的导入',
          querystring: Paging,
          response: { 200: ImportListReply },
        },
      },
      async (request) =>
        listImports(ctx, queue, actorOf(request), request.query.page ?? 1, request.query.pageSize ?? 20),
    );
    app.post(
      '/:kind/suggest',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '上传文件，识别表头并建议每一列对应的模板列（不导入）',
          description:
            '表单字段 mapping（JSON，放在文件之前）为已确认的对应关系；不给时，按相同表头自动套用已保存的对应关系。',
          params: KindParam,
          consumes: ['multipart/form-data'],
          response: { 200: SuggestReply },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const kind = importKindOf(actor, request.params.kind);
        let spooled: string | null = null;
        try {
          const file = await spoolUpload(ctx, request, (p) => {
            spooled = p;
          });
          return await suggestHeaders(ctx, actor, kind, file.path, file.mapping);
        } finally {
          if (spooled) await rm(spooled, { force: true });
        }
      },
    );
    app.get(
      '/:kind/mappings',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '已保存的表头对应关系（本组织、上级组织和下级组织保存的）',
          params: KindParam,
          response: { 200: SavedMappingsReply },
        },
      },
      async (request) => ({ items: await listImportMappings(ctx, actorOf(request), request.params.kind) }),
    );
    app.put(
      '/:kind/mappings',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '保存表头对应关系（本组织同名的将被替换；本组织及下级组织可用）',
          params: KindParam,
          body: SaveMappingBody,
          response: { 200: SavedMappingReply },
        },
      },
      async (request) => saveImportMapping(ctx, actorOf(request), request.params.kind, request.body),
    );
    app.delete(
      '/:kind/mappings/:id',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '删除表头对应关系',
          params: MappingIdParam,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await removeImportMapping(ctx, actorOf(request), request.params.kind, request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/:kind',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '上传并导入表格（全部成功或全部不导入；排队轮到后才开始，完成后才应答）',
          params: KindParam,
          querystring: ImportQuery,
          consumes: ['multipart/form-data'],
          response: { 200: ImportResultReply },
        },
      },
      async (request, reply) => {
        let spooled: string | null = null;
        // The uploader closing the page while the upload waits its turn gives up its place: it is not run.
        const left = new AbortController();
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) left.abort();
        });
        // Spooled to disk so the engine can sniff, checksum and stream it, whatever its size; read only once the
        // upload has its place in the queue (a second upload of the same user is refused before its body).
        const receive = () =>
          spoolUpload(ctx, request, (p) => {
            spooled = p;
          });
        try {
          return await importUpload(ctx, queue, actorOf(request), request.params.kind, receive, {
            dryRun: request.query.dryRun ?? false,
            signal: left.signal,
          });
        } finally {
          if (spooled) await rm(spooled, { force: true });
        }
      },
    );
  };
}
