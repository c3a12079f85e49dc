/**
 * The Chinese words for the audit log's codes (issue 17 item 13): the one source for the API's `actionLabel` /
 * `entityLabel` and for the admin's filters (admin/src/app/labels.ts re-exports these maps). A code recorded
 * without a label here is caught by audit.labels.test.ts.
 */
/** Keyed by AuditAction (audit.service.ts); no import here so that the admin can share this file. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  move: '移动',
  revoke: '撤销',
  import: '导入',
  export: '导出',
  reveal: '查看证件号码',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  grant_confidential: '授予保密角色',
  password_change: '修改密码',
  password_reset: '重置密码',
  disable: '停用账号',
  enable: '启用账号',
};

/** Entities as recorded (English identifiers); imports are recorded under their kind. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  org: '团组织',
  person: '人员',
  user: '用户',
  report: '青春答卷',
  coverage: '覆盖情况',
  admission: '入团申请',
  admission_settings: '入团设置',
  admission_quota: '发展名额',
  party_recommendation: '推优入党',
  member_transfer: '组织关系转接',
  member_departure: '离团',
  member_evaluation: '教育评议',
  registration_campaign: '团籍注册',
  lapse_case: '自动脱团',
  dues_basis: '团费基数',
  dues_payment: '团费缴纳',
  branch_meeting: '支部会议',
  branch_election: '支部换届',
  cadre_post: '团干部任职',
  school: '团校',
  school_teacher: '团校师资',
  class_session: '团课',
  attendance: '团课考勤',
  fund: '经费',
  donation: '捐赠',
  grant: '资助发放',
  aid: '助学',
  counsellor: '心理咨询师',
  consultation: '个案咨询',
  outreach_event: '心理健康服务活动',
  venue: '阵地',
  internship_post: '实习岗位',
  internship_application: '实习报名',
  internship_placement: '实习安排',
  notification_preferences: '通知设置',
  notification: '提醒消息（重新发送）',
  import_mapping: '导入表头对应关系',
  volunteer_activity: '志愿服务活动',
  volunteer_enrolment: '志愿服务报名',
  volunteer_record: '志愿服务时长',
  volunteer_registration: '志愿者注册',
  volunteer_certificate: '志愿服务证明',
  volunteer_campaign: '志愿服务项目',
  volunteer_settings: '志愿服务设置',
  star_rating: '星级评定',
  star_checklist: '星级考核',
  portal_article: '网站文章',
  portal_column: '网站栏目',
  portal_channel: '网站频道',
  portal_site: '网站设置',
  portal_image: '网站图片',
  // Imports, by kind.
  regions: '行政区划导入',
  orgs: '团组织导入',
  people: '人员导入',
  members: '团员导入',
  cadres: '团干部任职导入',
  admissions: '发展团员导入',
  'party-recommendations': '推优入党导入',
  donations: '捐赠导入',
  grants: '资助发放导入',
  counsellors: '心理咨询师导入',
  outreach: '心理健康服务活动导入',
  consultations: '个案咨询导入',
  funds: '经费导入',
  'internship-posts': '实习岗位导入',
  'internship-placements': '实习安排导入',
  schools: '团校导入',
  classes: '团课导入',
  venues: '阵地导入',
  'volunteer-activities': '志愿服务活动导入',
  'volunteer-hours': '志愿服务记录导入',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function auditEntityLabel(entity: string | null): string | null {
  if (entity === null) return null;
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}
