import type { FastifyError, FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { databaseFault } from '../db/faults.ts';
import { DomainError } from '../lib/errors.ts';

const ProblemSchema = Type.Object(
  {
    row: Type.Union([Type.Integer(), Type.Null()], { description: '行号（表格导入）；无则为 null' }),
    column: Type.Union([Type.String(), Type.Null()], { description: '列名或字段名（如 orgCode、org.code）' }),
    value: Type.Union([Type.String(), Type.Null()]),
    reason: Type.String({ description: '中文原因' }),
  },
  { title: 'Problem' },
);

/**
 * The one error body every route answers with (INTERFACES.md): `details` is `{problems}` for a refused form
 * (422 VALIDATION_FAILED), `{errors, warnings}` for a refused import (422 IMPORT_REFUSED), absent otherwise.
 * Put in the OpenAPI document as every operation's default answer, so the admin's generated client reads it.
 */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: '机器可读的错误代码，如 VALIDATION_FAILED、NOT_FOUND' }),
      message: Type.String({ description: '给用户看的中文说明' }),
      details: Type.Optional(
        Type.Object({
          problems: Type.Optional(Type.Array(ProblemSchema)),
          errors: Type.Optional(Type.Array(ProblemSchema)),
          warnings: Type.Optional(Type.Array(ProblemSchema)),
          existing: Type.Optional(
            Type.Object(
              { personId: Type.Union([Type.Integer(), Type.Null()]) },
              { description: '重复登记（PERSON_EXISTS）：调用者可查看时为已登记人员的 id，否则为 null' },
            ),
          ),
        }),
      ),
    }),
  },
  { title: 'ErrorBody' },
);

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

function body(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Schema (ajv) failures in Chinese: its own messages are English and reach the user (DESIGN.md). */
function validationReason(keyword: string, params: Record<string, unknown>): string {
  const limit = params.limit;
  switch (keyword) {
    case 'required':
      return '必填';
    case 'const':
    case 'enum':
    case 'anyOf':
    case 'oneOf':
      return '不是可选值之一';
    case 'minLength':
      return limit === 1 ? '不能为空' : `长度不能少于${limit}个字符`;
    case 'maxLength':
      return `长度不能超过${limit}个字符`;
    case 'minimum':
      return `不能小于${limit}`;
    case 'maximum':
      return `不能大于${limit}`;
    case 'type':
      return '类型不正确';
    case 'maxItems':
      return `最多${limit}项`;
    default:
      return '格式不正确';
  }
}

/** The one place domain errors become HTTP (INTERFACES.md error shape); a 5xx never leaks internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const fault = databaseFault(raw);
    if (fault) request.log.warn({ code: fault.code }, 'database fault');
    const error = fault ?? raw;
    if (error instanceof DomainError) {
      return reply.status(error.statusCode).send(body(error.code, error.message, error.details));
    }
    if (error.validation) {
      const seen = new Set<string>();
      const problems = error.validation
        .map((v) => ({
          row: null,
          column: v.instancePath
            ? v.instancePath.replace(/^\//, '').replaceAll('/', '.')
            : String(v.params?.missingProperty ?? ''),
          value: null,
          reason: validationReason(v.keyword, v.params ?? {}),
        }))
        // A union reports each branch it tried; the user needs to hear about the field once.
        .filter((p) => !seen.has(`${p.column}\u0000${p.reason}`) && seen.add(`${p.column}\u0000${p.reason}`));
      return reply
        .status(422)
        .send(body('VALIDATION_FAILED', '请求内容不符合要求，请检查后重试', { problems }));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(body('RATE_LIMITED', '操作过于频繁，请稍后再试'));
    }
    if (error.statusCode === 413) {
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', '上传的文件过大'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('BAD_REQUEST', '请求格式不正确'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', '服务器内部错误，请稍后再试或联系管理员'));
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send(body('NOT_FOUND', '接口不存在'));
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><meta charset="utf-8"><title>页面不存在</title><h1>404 页面不存在</h1><p><a href="/">返回首页</a></p>',
      );
  });
}
