import type { AppContext } from '../../context.ts';
import { listAdmissions } from '../admission/admission.read.ts';
import { type Actor, can, type Permission } from '../auth/auth.policy.ts';
import { reminders } from '../cadres/cadres.service.ts';
import { listFollowUps } from '../counselling/consultations.service.ts';
import { meetingRhythm } from '../membership/branch-life.service.ts';
import { listAgeingOut } from '../membership/departures.service.ts';
import { listArrears } from '../membership/dues.service.ts';
import { countTransfersInReach } from '../membership/transfers.service.ts';
import { countArticlesInView } from '../newsroom/articles.service.ts';
import { staleColumns } from '../newsroom/site.service.ts';
import { listActivities } from '../volunteering/activities.service.ts';
import { myWaiting } from '../volunteering/me.service.ts';
import { countRegistrationsInReach } from '../volunteering/registrations.service.ts';
import type { TodoItem } from './todo.schemas.ts';

/**
 * One request's loads, shared by the kinds that read the same page: the admission board, the cadre reminders
 * and a young person's enrolments are each loaded once however many kinds count from them.
 */
type Shared = <T>(key: string, load: () => Promise<T>) => Promise<T>;

function sharedLoads(): Shared {
  const loads = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>) => {
    if (!loads.has(key)) loads.set(key, load());
    return loads.get(key) as Promise<T>;
  };
}

/**
 * One kind of waiting work: who may do it, where it is done, and how many wait. Each count is the owning
 * module's own count of the list its page shows (issue 15: one source), so the badge and the page agree.
 */
interface TodoKind {
  kind: string;
  title: string;
  /** The admin route where the work is done, with the filters that make it show exactly these records. */
  link: string;
  /** The permission the work needs; the kind is left out for a role without it. */
  permission: Permission;
  count(ctx: AppContext, actor: Actor, shared: Shared): Promise<number>;
}

const board = (ctx: AppContext, actor: Actor, shared: Shared) =>
  shared('admissions', () => listAdmissions(ctx, actor, {}));
const cadreReminders = (ctx: AppContext, actor: Actor, shared: Shared) =>
  shared('cadres', () => reminders(ctx, actor, {}));
const mine = (ctx: AppContext, actor: Actor, shared: Shared) => shared('mine', () => myWaiting(ctx, actor));

/** An admission step due: the board's own reminder count, linked to the board filtered to that reminder. */
function admissionStep(
  reminder:
    | 'talk_overdue'
    | 'activist_due'
    | 'publicity_ending'
    | 'vote_due'
    | 'awaiting_approval'
    | 'ceremony_overdue',
  title: string,
  // DOMAIN.md: the branch records its steps; the committee above approves (org.write: its administrators).
  permission: Permission = 'person.write',
): TodoKind {
  return {
    kind: `admission_${reminder}`,
    title,
    link: `/admission?reminder=${reminder}`,
    permission,
    count: async (ctx, actor, shared) => (await board(ctx, actor, shared)).reminders[reminder] ?? 0,
  };
}

export const TODO_KINDS: readonly TodoKind[] = [
  {
    kind: 'transfers_to_accept',
    title: '待接收的组织关系转入',
    link: '/membership?tab=transfers&direction=incoming',
    permission: 'person.write',
    count: (ctx, actor) =>
      countTransfersInReach(ctx, actor, { direction: 'incoming', status: 'pending_acceptance' }),
  },
  {
    kind: 'transfers_to_release',
    title: '待同意的组织关系转出',
    link: '/membership?tab=transfers&direction=outgoing',
    permission: 'person.write',
    count: (ctx, actor) =>
      countTransfersInReach(ctx, actor, { direction: 'outgoing', status: 'pending_release' }),
  },
  {
    kind: 'transfers_overdue',
    title: '超期未办结的组织关系转接',
    link: '/membership?tab=transfers&overdue=1',
    permission: 'person.read',
    count: (ctx, actor) => countTransfersInReach(ctx, actor, { direction: 'outgoing', overdue: true }),
  },
  {
    kind: 'articles_to_review',
    title: '待我审核的稿件',
    link: '/newsroom?view=review',
    permission: 'portal.review',
    count: (ctx, actor) => countArticlesInView(ctx, actor, 'review'),
  },
  {
    kind: 'articles_returned',
    title: '被退回待修改的稿件',
    link: '/newsroom?view=mine',
    permission: 'portal.edit',
    count: (ctx, actor) => countArticlesInView(ctx, actor, 'mine', 'returned'),
  },
  {
    kind: 'stale_columns',
    title: '久未更新的专栏',
    link: '/newsroom?view=stale',
    permission: 'portal.edit',
    count: async (ctx, actor) => (await staleColumns(ctx, actor)).items.length,
  },
  {
    kind: 'cadre_vacancies',
    title: '未配备书记的团组织',
    link: '/services',
    permission: 'service.write',
    count: async (ctx, actor, shared) => (await cadreReminders(ctx, actor, shared)).vacancies.length,
  },
  {
    kind: 'cadre_terms_due',
    title: '90天内届满或已届满的团干部任期',
    link: '/services',
    permission: 'service.write',
    count: async (ctx, actor, shared) => (await cadreReminders(ctx, actor, shared)).termsDue.length,
  },
  {
    // DESIGN.md: counsellors and supervisors only (consultation.notes); the county admin sees counts elsewhere.
    kind: 'counselling_follow_ups',
    title: '待随访或转介的高风险个案',
    link: '/services',
    permission: 'consultation.notes',
    count: async (ctx, actor) => (await listFollowUps(ctx, actor, {})).open,
  },
  {
    kind: 'volunteer_registrations',
    title: '待确认的志愿者注册',
    link: '/volunteering?tab=registrations',
    permission: 'volunteer.write',
    count: (ctx, actor) => countRegistrationsInReach(ctx, actor, 'pending'),
  },
  admissionStep('talk_overdue', '入团申请满一个月待谈话'),
  admissionStep('activist_due', '积极分子培养满3个月待确定发展对象'),
  admissionStep('publicity_ending', '3天内公示期满的发展对象'),
  admissionStep('vote_due', '公示期满待支部大会表决的发展对象'),
  admissionStep('awaiting_approval', '支部大会已通过待上级团委审批', 'org.write'),
  admissionStep('ceremony_overdue', '入团满3个月待举行入团仪式'),
  {
    kind: 'volunteer_hours_to_confirm',
    title: '有服务时长待确认的志愿服务活动',
    link: '/volunteering?tab=activities&awaiting=1',
    permission: 'volunteer.write',
    count: async (ctx, actor) => (await listActivities(ctx, actor, { awaiting: true, pageSize: 1 })).total,
  },
  {
    kind: 'members_ageing_out',
    title: '90天内年满28周岁或已超龄待办理离团的团员',
    link: '/membership?tab=departures',
    permission: 'person.write',
    count: async (ctx, actor) => (await listAgeingOut(ctx, actor, {})).items.length,
  },
  {
    kind: 'dues_arrears',
    title: '本年度欠缴团费的团员',
    link: '/membership?tab=dues',
    permission: 'person.write',
    count: async (ctx, actor) => (await listArrears(ctx, actor, {})).items.length,
  },
  {
    kind: 'meetings_behind',
    title: '组织生活未达“三会两制一课”要求的团支部',
    link: '/membership?tab=life&behind=1',
    permission: 'person.write',
    count: async (ctx, actor) =>
      (await meetingRhythm(ctx, actor, {})).items.filter((b) => b.behind.length > 0).length,
  },
  // A young person's own (volunteer.self): what he is due at, and what waits on his organiser.
  {
    kind: 'my_activities_tomorrow',
    title: '明天参加的志愿服务活动',
    link: '/my-volunteering',
    permission: 'volunteer.self',
    count: async (ctx, actor, shared) => (await mine(ctx, actor, shared)).tomorrow,
  },
  {
    kind: 'my_hours_awaiting',
    title: '待组织者确认的服务时长',
    link: '/my-volunteering',
    permission: 'volunteer.self',
    count: async (ctx, actor, shared) => (await mine(ctx, actor, shared)).awaitingConfirmation,
  },
];

/** What waits for this user in his reach: the kinds his permissions cover, those with work only. */
export async function listTodo(
  ctx: AppContext,
  actor: Actor,
  kinds = TODO_KINDS,
): Promise<{ items: TodoItem[] }> {
  const theirs = kinds.filter((k) => can(actor, k.permission));
  const shared = sharedLoads();
  const counts = await Promise.all(theirs.map((k) => k.count(ctx, actor, shared)));
  const items = theirs
    .map((k, i) => ({ kind: k.kind, title: k.title, count: counts[i] ?? 0, link: k.link }))
    .filter((item) => item.count > 0);
  return { items };
}
