import { type Static, Type } from 'typebox';
import { DateString, Nullable } from '../shared.schemas.ts';

const OrgFields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: '组织名称' }),
  kind: Type.Union(
    [
      Type.Literal('committee'),
      Type.Literal('working_committee'),
      Type.Literal('general_branch'),
      Type.Literal('branch'),
    ],
    { description: '组织类型' },
  ),
  level: Type.Union(
    [Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('grassroots')],
    { description: '组织层级' },
  ),
  domain: Type.String({ minLength: 1, maxLength: 16, description: '所属领域' }),
  regionCode: Type.String({ minLength: 6, maxLength: 12, description: '所在区划编码' }),
  unitName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  establishedOn: Type.Optional(Type.Union([DateString, Type.Null()])),
};

export const NewOrgBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 32, description: '组织编码' }),
  parentCode: Type.String({ minLength: 1, maxLength: 32, description: '上级组织编码' }),
  ...OrgFields,
});
export type NewOrg = Static<typeof NewOrgBody>;

export const OrgChangesBody = Type.Partial(Type.Object(OrgFields));
export type OrgChanges = Static<typeof OrgChangesBody>;

export const MoveOrgBody = Type.Object({ parentCode: Type.String({ minLength: 1, maxLength: 32 }) });

export const TreeQuery = Type.Object({ root: Type.Optional(Type.String({ maxLength: 32 })) });

// ---- Replies (issue 12: only declared fields are serialised; the internal path and ids stay inside) ----

export const OrgReply = Type.Object({
  code: Type.String({ description: '组织编码' }),
  name: Type.String(),
  kind: Type.String({ description: '组织类型' }),
  level: Type.String({ description: '层级：city / county / township / grassroots' }),
  domain: Type.String({ description: '领域' }),
  parentCode: Nullable(Type.String({ description: '上级组织编码；根组织为空' })),
  regionCode: Type.String({ description: '所在区划编码' }),
  regionName: Type.String({ description: '所在区划名称' }),
  unitName: Nullable(Type.String({ description: '所在单位' })),
  establishedOn: Nullable(DateString),
  status: Type.String({ description: 'active（正常）/ revoked（已撤销）' }),
  memberCount: Type.Integer({ description: '团员人数' }),
});

export const OrgTreeReply = Type.Object({
  items: Type.Array(OrgReply, { description: '子树平铺（含根）' }),
});
