export const CADRE_TITLES = {
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
} as const;
export const CADRE_MODES = { full_time: '专职', part_time: '兼职', seconded: '挂职' } as const;
export const CADRE_SOURCES = [
  '大学生',
  '乡镇街道',
  '县直单位',
  '学校',
  '非公企业',
  '社会组织',
  '其他',
] as const;
