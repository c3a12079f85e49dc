export const DONOR_KINDS = ['单位', '个人'] as const;
export const AID_PROGRAMS = ['助学', '心理健康', '其他'] as const;
