import { type Static, Type } from 'typebox';
import { ScopeQuery } from '../services/service-scope.ts';
import { DateString } from '../shared.schemas.ts';

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
