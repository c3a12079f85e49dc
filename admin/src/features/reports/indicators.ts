/** The 青春答卷 indicators (REPORT-SPEC.md): leads, display labels and units, and how figures are written. */

export type Lead = 'party_building' | 'organization' | 'innovation' | 'service' | 'activity';

export const leads: readonly { key: Lead; label: string; short: string; color: string }[] = [
  { key: 'party_building', label: '党建引领', short: '党建', color: '#c8161d' },
  { key: 'organization', label: '组织引领', short: '组织', color: '#d4380d' },
  { key: 'innovation', label: '创新引领', short: '创新', color: '#1677ff' },
  { key: 'service', label: '服务引领', short: '服务', color: '#389e0d' },
  { key: 'activity', label: '活动引领', short: '活动', color: '#7c3aed' },
];

export const leadLabel = (lead: string): string => leads.find((l) => l.key === lead)?.label ?? lead;

export interface IndicatorMeta {
  key: string;
  label: string;
  lead: Lead;
  /** 名, 个, 所, 学时, 元, 人次, 场, %, 小时 */
  unit: string;
  drillable: boolean;
}

/**
 * Used only when `GET /api/reports/indicators` cannot be reached (or has not answered yet), so that the figures
 * still have names; none of them links to its records.
 * The server's list is the reference.
 */
export const fallbackIndicators: readonly IndicatorMeta[] = (
  [
    ['admission.admitted', '发展团员', 'party_building', '名'],
    ['admission.recommended', '推优入团', 'party_building', '名'],
    ['admission.in_progress', '正在培养考察', 'party_building', '名'],
    ['party.recommended', '推优入党', 'party_building', '名'],
    ['school.schools', '团校', 'party_building', '所'],
    ['school.class_hours', '团课学时', 'party_building', '学时'],
    ['school.trainees', '培训学员', 'party_building', '名'],
    ['org.active', '团组织', 'organization', '个'],
    ['org.social', '社会组织团组织', 'organization', '个'],
    ['org.nonpublic', '非公企业团组织', 'organization', '个'],
    ['member.total', '团员', 'organization', '名'],
    ['cadre.county_seconded_deputies', '县级挂职副书记', 'organization', '名'],
    ['cadre.county_parttime_deputies', '县级兼职副书记', 'organization', '名'],
    ['cadre.township_student_deputies', '大学生兼任乡镇团委副书记', 'organization', '名'],
    ['fund.mental_health', '心理健康专项经费', 'innovation', '元'],
    ['fund.total', '工作经费', 'innovation', '元'],
    ['venue.qingyi', '青翼家园', 'innovation', '个'],
    ['aid.raised', '募集助学资金', 'service', '元'],
    ['aid.granted', '发放助学金', 'service', '元'],
    ['aid.students', '资助学生', 'service', '名'],
    ['mental.donations', '心理健康项目捐赠', 'service', '元'],
    ['mental.counsellors', '心理咨询师', 'service', '名'],
    ['mental.events', '心理健康服务活动', 'service', '场'],
    ['mental.reach', '心理健康活动覆盖', 'service', '人次'],
    ['mental.consultations', '个案咨询', 'service', '人次'],
    ['venue.youth_homes', '青年之家', 'activity', '个'],
    ['venue.townships', '乡镇（街道）', 'activity', '个'],
    ['venue.townships_covered', '青年之家覆盖乡镇', 'activity', '个'],
    ['venue.township_coverage', '乡镇覆盖率', 'activity', '%'],
    ['internship.posts', '实习岗位', 'activity', '个'],
    ['internship.placed', '安排实习', 'activity', '人次'],
    ['volunteer.events', '志愿服务活动', 'activity', '场'],
    ['volunteer.participations', '志愿服务参与', 'activity', '人次'],
    ['volunteer.volunteers', '志愿者', 'activity', '名'],
    ['volunteer.hours', '志愿服务时长', 'activity', '小时'],
  ] as const
).map(([key, label, lead, unit]) => ({
  key,
  label,
  lead,
  unit,
  // Whether this user may open a figure's records is the server's to say (it needs the source list's permission):
  // until it has said, no figure links to records that might then be refused.
  drillable: false,
}));

const isRatio = (unit: string) => unit === '%';
const isMoney = (unit: string) => unit === '元' || unit === '万元';

function trimDecimals(n: number, digits: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: digits, useGrouping: false });
}

/** A figure split into the number and its unit, written the Chinese way (`12.05万元`, `77.78%`, `70名`). */
export function figureParts(
  value: number | null | undefined,
  unit: string,
): { number: string; unit: string } {
  if (value === null || value === undefined || Number.isNaN(value)) return { number: '—', unit: '' };
  if (isRatio(unit)) return { number: (value * 100).toFixed(2), unit: '%' };
  if (isMoney(unit)) {
    if (Math.abs(value) >= 10_000) return { number: (value / 10_000).toFixed(2), unit: '万元' };
    return { number: trimDecimals(value, 2), unit: '元' };
  }
  return { number: trimDecimals(value, 2), unit };
}

export function formatFigure(value: number | null | undefined, unit: string): string {
  const p = figureParts(value, unit);
  return `${p.number}${p.unit}`;
}

/** The change from the previous period: direction and the difference, written like the figure. */
export function formatChange(
  current: number | undefined,
  previous: number | undefined,
  unit: string,
): { direction: 'up' | 'down' | 'same'; text: string } | null {
  if (current === undefined || previous === undefined) return null;
  const diff = Math.round((current - previous) * 10_000) / 10_000;
  if (diff === 0) return { direction: 'same', text: '持平' };
  const abs = Math.abs(diff);
  const text = isRatio(unit) ? `${(abs * 100).toFixed(2)}个百分点` : formatFigure(abs, unit);
  return { direction: diff > 0 ? 'up' : 'down', text };
}
