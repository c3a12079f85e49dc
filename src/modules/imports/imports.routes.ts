import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { ValidationError } from '../../lib/errors.ts';
import { actorOf } from '../auth/auth.request.ts';
import { Paging } from '../shared.schemas.ts';
import { importFile, importTemplate, listImportKinds, listImports } from './imports.service.ts';

const KindParam = Type.Object({ kind: Type.String({ minLength: 1, maxLength: 40 }) });

export function importRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['imports'];
    app.get(
      '/kinds',
      { config: { permission: 'import.run' }, schema: { tags, summary: '导入类型与列' } },
      async (request) => {
        actorOf(request);
        return listImportKinds();
      },
    );
    app.get(
      '/kinds/:kind/template',
      { config: { permission: 'import.run' }, schema: { tags, summary: '下载导入模板', params: KindParam } },
      async (request, reply) => {
        actorOf(request);
        const { fileName, content } = await importTemplate(request.params.kind);
        return reply.type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(content);
      },
    );
    app.get(
      '/',
      { config: { permission: 'import.run' }, schema: { tags, summary: '导入记录', querystring: Paging } },
      async (request) =>
        listImports(ctx, actorOf(request), request.query.page ?? 1, request.query.pageSize ?? 20),
    );
    app.post(
      '/:kind',
      {
        config: { permission: 'import.run' },
        schema: {
          tags,
          summary: '上传并导入表格（全部成功或全部不导入）',
          params: KindParam,
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
          consumes: ['multipart/form-data'],
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const upload = await request.file();
        if (!upload) throw ValidationError.field('file', null, '请选择要上传的文件');
        // Spooled to disk so the engine can sniff, checksum and stream it, whatever its size.
        const dir = path.join(ctx.config.dataDir, 'uploads', 'imports');
        await mkdir(dir, { recursive: true });
        const spooled = path.join(dir, `${randomUUID()}.upload`);
        try {
          await pipeline(upload.file, createWriteStream(spooled, { mode: 0o600 }));
          if (upload.file.truncated) throw ValidationError.field('file', upload.filename, '上传的文件过大');
          return await importFile(
            ctx,
            actor,
            request.params.kind,
            { path: spooled, name: upload.filename },
            {
              dryRun: request.query.dryRun ?? false,
            },
          );
        } finally {
          await rm(spooled, { force: true });
        }
      },
    );
  };
}
