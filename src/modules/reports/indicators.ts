import type { Indicators } from './reports.service.ts';

export type Lead = 'party_building' | 'organization' | 'innovation' | 'service' | 'activity';

export const LEAD_LABELS: Record<Lead, string> = {
  party_building: '党建引领',
  organization: '组织引领',
  innovation: '创新引领',
  service: '服务引领',
  activity: '活动引领',
};

export interface IndicatorMeta {
  key: keyof Indicators;
  label: string;
  lead: Lead;
  unit: string;
}

const m = (key: keyof Indicators, label: string, lead: Lead, unit: string): IndicatorMeta => ({
  key,
  label,
  lead,
  unit,
});

/** REPORT-SPEC.md's indicators with the words the admin shows beside each figure. */
export const INDICATORS: IndicatorMeta[] = [
  m('admission.admitted', '发展团员', 'party_building', '名'),
  m('admission.recommended', '推优入团', 'party_building', '名'),
  m('admission.in_progress', '正在培养的入团申请人', 'party_building', '名'),
  m('party.recommended', '推优入党', 'party_building', '名'),
  m('school.schools', '团校', 'party_building', '所'),
  m('school.class_hours', '团课学时', 'party_building', '学时'),
  m('school.trainees', '团课合格学员', 'party_building', '名'),
  m('org.active', '团组织', 'organization', '个'),
  m('org.social', '社会组织团组织', 'organization', '个'),
  m('org.nonpublic', '非公企业团组织', 'organization', '个'),
  m('member.total', '团员', 'organization', '名'),
  m('cadre.county_seconded_deputies', '县级团委挂职副书记', 'organization', '名'),
  m('cadre.county_parttime_deputies', '县级团委兼职副书记', 'organization', '名'),
  m('cadre.township_student_deputies', '大学生兼任乡镇团委副书记', 'organization', '名'),
  m('fund.mental_health', '心理健康专项经费', 'innovation', '元'),
  m('fund.total', '工作经费', 'innovation', '元'),
  m('venue.qingyi', '青翼家园', 'innovation', '个'),
  m('aid.raised', '募集助学资金', 'service', '元'),
  m('aid.granted', '发放助学金', 'service', '元'),
  m('aid.students', '受资助学生', 'service', '名'),
  m('mental.donations', '心理健康项目捐赠', 'service', '元'),
  m('mental.counsellors', '持证心理咨询师', 'service', '名'),
  m('mental.events', '心理健康服务活动', 'service', '场'),
  m('mental.reach', '心理健康服务覆盖', 'service', '人次'),
  m('mental.consultations', '个案咨询', 'service', '人次'),
  m('venue.youth_homes', '青年之家', 'activity', '个'),
  m('venue.townships', '乡镇（街道）', 'activity', '个'),
  m('venue.townships_covered', '已建青年之家的乡镇（街道）', 'activity', '个'),
  m('venue.township_coverage', '青年之家乡镇覆盖率', 'activity', '%'),
  m('internship.posts', '实习岗位', 'activity', '个'),
  m('internship.placed', '实习安排', 'activity', '人次'),
  m('volunteer.events', '志愿服务活动', 'activity', '场'),
  m('volunteer.participations', '志愿服务参与', 'activity', '人次'),
  m('volunteer.volunteers', '志愿者', 'activity', '名'),
  m('volunteer.hours', '志愿服务时长', 'activity', '小时'),
];

export function findIndicator(key: string): IndicatorMeta | undefined {
  return INDICATORS.find((i) => i.key === key);
}
