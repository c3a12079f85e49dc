import { Type } from 'typebox';
import { Nullable } from '../shared.schemas.ts';

/** Reply pieces the membership routes share. */

/** An organisation as a reply names it; across counties only the name (no code, nothing of the other tree). */
export const OrgRefReply = Type.Object({
  code: Nullable(Type.String({ description: '团组织编码；对方县的组织为 null，只给名称' })),
  name: Type.String({ description: '团组织名称' }),
});

/** An organisation the caller reaches: code and name. */
export const OwnOrgReply = Type.Object({
  code: Type.String({ description: '团组织编码' }),
  name: Type.String({ description: '团组织名称' }),
});

/** A member in a workflow view: masked number and age (周岁), never the birth date beside the mask (DESIGN.md). */
export const MaskedMemberReply = Type.Object({
  id: Type.Integer({ description: '人员编号' }),
  name: Type.String({ description: '姓名' }),
  gender: Type.String({ description: '性别' }),
  age: Type.Integer({ description: '周岁' }),
  idNumberMasked: Type.String({ description: '脱敏证件号码' }),
  joinedOn: Nullable(Type.String({ description: '入团日期 YYYY-MM-DD' })),
  memberNo: Nullable(Type.String({ description: '团员编号' })),
});
