import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable, ScopeQuery } from '../shared.schemas.ts';

const Kind = Type.Union([Type.Literal('youth_home'), Type.Literal('qingyi_home'), Type.Literal('other')], {
  description: '阵地类型：青年之家 / 青翼家园 / 其他',
});
const Status = Type.Union([Type.Literal('active'), Type.Literal('closed')], {
  description: '状态：正常 / 停用',
});

export const VenueQuery = Type.Object({
  ...ScopeQuery.properties,
  kind: Type.Optional(Kind),
  status: Type.Optional(Status),
});
export type VenueQuery = Static<typeof VenueQuery>;

export const NewVenueBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: '阵地名称' }),
  kind: Kind,
  regionCode: Type.String({ minLength: 6, maxLength: 12, description: '所在乡镇或村（社区）区划编码' }),
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '所属组织编码' }),
  openedOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  status: Type.Optional(Status),
});
export type NewVenue = Static<typeof NewVenueBody>;

export const VenueChangesBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  openedOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  status: Type.Optional(Status),
});
export type VenueChanges = Static<typeof VenueChangesBody>;

// ---- Responses (issue 12): Fastify serialises only these fields, so a new column cannot leak by accident.

export const VenueListReply = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String({ description: '阵地编号' }),
      name: Type.String({ description: '阵地名称' }),
      kind: Type.String({ description: 'youth_home 青年之家 / qingyi_home 青翼家园 / other 其他' }),
      openedOn: Nullable(DateString),
      status: Type.String({ description: 'active 正常 / closed 停用' }),
      region: Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          level: Type.String({ description: 'township 乡镇（街道） / village 村（社区）' }),
        },
        { description: '所在区划' },
      ),
      org: Type.Object({ code: Type.String(), name: Type.String() }, { description: '所属组织' }),
    }),
  ),
});

export const VenueExportReply = FileDownload('阵地（xlsx）');

export const CoverageReply = Type.Object({
  org: Type.Object({ code: Type.String(), name: Type.String() }),
  asOf: DateString,
  townships: Type.Integer({ description: '乡镇（街道）数' }),
  covered: Type.Integer({ description: '有青年之家的乡镇数' }),
  coverage: Type.Number({ description: '覆盖率（0–1，四位小数）' }),
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: '乡镇区划编码' }),
      name: Type.String({ description: '乡镇名称' }),
      youthHomes: Type.Integer({ description: '正常运行的青年之家数（含所属村）' }),
      covered: Type.Boolean(),
    }),
  ),
});

export const CreatedVenueReply = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '阵地编号' }),
});

export const ChangedVenueReply = Type.Object({ id: Type.Integer() });
