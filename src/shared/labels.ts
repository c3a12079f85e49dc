/**
 * The Chinese words for the codes stored in the database (DOMAIN.md glossary): the one source for the server's
 * imports, exports, audit summaries and messages and for the admin (which imports this file as `@shared/labels`).
 * Pure data, no imports, so that both sides can read it. A stored code without a label here is caught by the demo
 * seed's test ("every code stored has its label").
 */

export const POLITICAL_STATUSES = {
  young_pioneer: '少先队员',
  league_member: '共青团员',
  probationary_party_member: '中共预备党员',
  party_member: '中共党员',
  masses: '群众',
} as const;

export const ORG_KINDS = {
  committee: '团委',
  working_committee: '团工委',
  general_branch: '团总支',
  branch: '团支部',
} as const;
export const ORG_LEVELS = { city: '市', county: '县', township: '乡镇', grassroots: '基层' } as const;
/** 所属领域 is stored as its Chinese label: it is the vocabulary of the reports themselves. */
export const ORG_DOMAINS = [
  '党政机关',
  '事业单位',
  '国有企业',
  '非公企业',
  '社会组织',
  '高校',
  '中职',
  '中学',
  '乡镇街道',
  '村社区',
  '其他',
] as const;
export const ORG_STATUSES = { active: '正常', revoked: '撤销' } as const;

export const REGION_LEVELS = {
  province: '省',
  city: '市',
  county: '县',
  township: '乡镇',
  village: '村社区',
} as const;

export const ROLE_LABELS = {
  system_admin: '系统管理员',
  org_admin: '组织管理员',
  branch_secretary: '团支部书记',
  school_staff: '团校工作人员',
  volunteer_organiser: '志愿服务组织者',
  counsellor: '心理咨询师',
  counselling_supervisor: '心理督导',
  aid_officer: '助学工作人员',
  portal_editor: '网站编辑',
  portal_reviewer: '网站审核',
  young_person: '青年',
} as const;
export const USER_STATUSES = { active: '正常', disabled: '停用', locked: '锁定', pending: '待确认' } as const;

export const ADMISSION_STATUSES = {
  applied: '申请',
  activist: '积极分子',
  candidate: '发展对象',
  admitted: '已入团',
  rejected: '未通过',
  withdrawn: '撤回',
} as const;
export const RECOMMENDED_BY = {
  pioneer_recommendation: '少先队推优',
  member_recommendation: '团员推荐',
  other: '其他',
} as const;
/** Reminders on the pipeline board. */
export const ADMISSION_REMINDERS = {
  talk_overdue: '申请已满一个月未谈话',
  activist_due: '积极分子培养已满3个月',
  publicity_ending: '发展对象公示3天内期满',
  vote_due: '公示期满待召开支部大会表决',
  ceremony_overdue: '入团已满3个月未举行入团仪式',
  awaiting_approval: '支部大会已通过，待上级团委审批',
} as const;

export const TRANSFER_REASONS = { study: '升学', work: '就业', relocation: '迁居', other: '其他' } as const;
export const TRANSFER_INITIATORS = { sender: '转出组织', receiver: '转入组织', member: '团员本人' } as const;
export const TRANSFER_STATUSES = {
  pending_release: '待转出组织同意',
  pending_acceptance: '待转入组织接收',
  accepted: '已接收',
  declined: '已退回',
  cancelled: '已撤回',
} as const;
export const GRADES = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
} as const;
export const DUES_CATEGORIES = {
  student: '学生',
  unemployed: '无业',
  farmer: '农民',
  salaried: '工薪',
} as const;
export const MEETING_KINDS = {
  general_meeting: '支部大会',
  committee_meeting: '支委会',
  group_meeting: '团小组会',
  league_class: '团课',
  theme_day: '主题团日',
} as const;
export const DEPARTURE_REASONS = { age: '超龄离团', lapsed: '自行脱团', other: '其他' } as const;
export const LAPSE_STATUSES = {
  voted: '支部已表决，待上级批准',
  approved: '已批准',
  rejected: '未批准',
} as const;

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

export const ATTENDANCE_RESULTS = { passed: '合格', failed: '不合格' } as const;
export const VENUE_KINDS = { youth_home: '青年之家', qingyi_home: '青翼家园', other: '其他' } as const;
export const VENUE_STATUSES = { active: '正常', closed: '停用' } as const;
export const RISK_LEVELS = { low: '低', medium: '中', high: '高' } as const;
export const CONSULTATION_CHANNELS = ['面询', '电话', '网络'] as const;
export const PLACEMENT_STATUSES = { hired: '已录用', completed: '已完成', incomplete: '未完成' } as const;
export const APPLICATION_STATUSES = {
  applied: '已报名',
  withdrawn: '已撤回',
  accepted: '已录用',
  rejected: '未录用',
} as const;
export const INTERNSHIP_PROGRAMS = ['大学生向基层报到', '扬帆计划', '三下乡', '其他'] as const;
export const FUND_PROGRAMS = ['心理健康', '助学', '青年之家', '其他'] as const;
export const FUND_SOURCES = ['财政拨款', '社会募集', '其他'] as const;
export const AID_PROGRAMS = ['助学', '心理健康', '其他'] as const;
export const DONOR_KINDS = ['单位', '个人'] as const;

/** The 青春答卷's five leads (REPORT-SPEC.md). */
export const LEAD_LABELS = {
  party_building: '党建引领',
  organization: '组织引领',
  innovation: '创新引领',
  service: '服务引领',
  activity: '活动引领',
} as const;

/** Reminders (issue 15, src/modules/notifications): the ways a message leaves the building. */
export const NOTIFICATION_CHANNELS = { email: '电子邮件', wechat: '微信模板消息', sms: '短信' } as const;
/** The kinds of reminder a user may opt out of, per channel. */
export const NOTIFICATION_KINDS = { todo_digest: '每日待办摘要' } as const;
/** An outbox row's state; `failed` is tried again after its back-off, `abandoned` is not (重新发送 puts it back). */
export const NOTIFICATION_STATES = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '重试中',
  abandoned: '失败',
} as const;
