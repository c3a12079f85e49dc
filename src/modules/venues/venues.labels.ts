export const VENUE_KINDS = { youth_home: '青年之家', qingyi_home: '青翼家园', other: '其他' } as const;
export const VENUE_STATUSES = { active: '正常', closed: '停用' } as const;
