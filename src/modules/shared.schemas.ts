import { type TSchema, Type } from 'typebox';

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD' });

export const Paging = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
});

export const OrgCodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });

/** A value that may be absent from the record: the column is nullable. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** 204 answers. */
export const NoContent = Type.Null({ description: '无内容' });

/**
 * A file download (xlsx, csv, pdf, docx, png): Fastify sends a Buffer or stream without serialising it, so the
 * schema only documents the answer — and it keeps the response-schema guard honest about every route.
 */
export const FileDownload = (description: string) =>
  Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });
