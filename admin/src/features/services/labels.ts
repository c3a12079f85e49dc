/** The service ledgers' words (DOMAIN.md glossary), mirroring src/modules/<domain>/*.labels.ts. */
export const cadreTitles: Record<string, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
};
export const cadreModes: Record<string, string> = { full_time: '专职', part_time: '兼职', seconded: '挂职' };
export const cadreSources = [
  '大学生',
  '乡镇街道',
  '县直单位',
  '学校',
  '非公企业',
  '社会组织',
  '其他',
] as const;
export const venueKinds: Record<string, string> = {
  youth_home: '青年之家',
  qingyi_home: '青翼家园',
  other: '其他',
};
export const venueStatuses: Record<string, string> = { active: '正常', closed: '停用' };
export const fundPrograms = ['心理健康', '助学', '青年之家', '其他'] as const;
export const fundSources = ['财政拨款', '社会募集', '其他'] as const;
export const aidPrograms = ['助学', '心理健康', '其他'] as const;
export const donorKinds = ['单位', '个人'] as const;
export const riskLevels: Record<string, string> = { low: '低', medium: '中', high: '高' };
export const channels = ['面询', '电话', '网络'] as const;
export const internshipPrograms = ['大学生向基层报到', '扬帆计划', '三下乡', '其他'] as const;
export const placementStatuses: Record<string, string> = {
  hired: '已录用',
  completed: '已完成',
  incomplete: '未完成',
};
export const applicationStatuses: Record<string, string> = {
  applied: '已报名',
  withdrawn: '已撤回',
  accepted: '已录用',
  rejected: '未录用',
};
export const orgLevels: Record<string, string> = {
  city: '市',
  county: '县',
  township: '乡镇',
  grassroots: '基层',
};
