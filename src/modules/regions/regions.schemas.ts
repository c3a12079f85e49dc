import { Type } from 'typebox';
import { Nullable } from '../shared.schemas.ts';

export const RegionsQuery = Type.Object({ parent: Type.Optional(Type.String({ maxLength: 12 })) });

export const RegionListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: '行政区划代码' }),
      name: Type.String({ description: '名称' }),
      level: Type.String({ description: '级别：province / city / county / township / village' }),
      parentCode: Nullable(Type.String({ description: '上级区划代码；最上级为 null' })),
    }),
  ),
});
