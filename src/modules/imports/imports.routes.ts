import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { ValidationError } from '../../lib/errors.ts';
import { actorOf } from '../auth/auth.request.ts';
import { Paging } from '../shared.schemas.ts';
import type { ImportQueue } from './import-queue.ts';
import {
  ImportKindsReply,
  ImportListReply,
  ImportQuery,
  ImportResultReply,
  ImportTemplateReply,
  KindParam,
} from './imports.schemas.ts';
import { importTemplate, importUpload, listImportKinds, listImports } from './imports.service.ts';

export function importRoutes(ctx: AppContext, queue: ImportQueue): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['imports'];
    app.get(
      '/kinds',
      {
        config: { permission: 'import.run' },
        schema: { tags, summary: '导入类型与列', response: { 200: ImportKindsReply } },
      },
      async (request) => {
        actorOf(request);
        return listImportKinds();
      },
    );
    app.get(
      '/kinds/:kind/template',
      {
        config: { permission: 'import.run' },
        schema: { tags, summary: '下载导入模板', params: KindParam, response: { 200: ImportTemplateReply } },
      },
      async (request, reply) => {
        actorOf(request);
        const { fileName, content } = await importTemplate(request.params.kind);
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
        const receive = async () => {
          const upload = await request.file();
          if (!upload) throw ValidationError.field('file', null, '请选择要上传的文件');
          const dir = path.join(ctx.config.dataDir, 'uploads', 'imports');
          await mkdir(dir, { recursive: true });
          spooled = path.join(dir, `${randomUUID()}.upload`);
          await pipeline(upload.file, createWriteStream(spooled, { mode: 0o600 }));
          if (upload.file.truncated) throw ValidationError.field('file', upload.filename, '上传的文件过大');
          return { path: spooled, name: upload.filename };
        };
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
