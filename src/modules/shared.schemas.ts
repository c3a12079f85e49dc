import { type Static, type TSchema, Type } from 'typebox';

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD' });

export const Paging = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
});

/**
 * What every ledger list shares (cadres, venues, funds, aid, counselling, internships): an organisation of the
 * caller's subtree and a period. The scope has the shape of the report's, so a list and the 青春答卷 figure it
 * stands behind count the same rows (reports.service resolveLedgerScope).
 */
export const ScopeQuery = Type.Object({
  org: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: '组织编码（缺省为本组织）' })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
});
export type ScopeRequest = Static<typeof ScopeQuery>;

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

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
