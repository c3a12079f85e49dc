import type { AppContext } from '../../context.ts';
import { type Actor, can, type Permission } from '../auth/auth.policy.ts';
import { reminders } from '../cadres/cadres.service.ts';
import { listFollowUps } from '../counselling/consultations.service.ts';
import { countTransfersInReach } from '../membership/transfers.service.ts';
import { countArticlesInView } from '../newsroom/articles.service.ts';
import { staleColumns } from '../newsroom/site.service.ts';
import { countRegistrationsInReach } from '../volunteering/registrations.service.ts';
import type { TodoItem } from './todo.schemas.ts';

/**
 * One kind of waiting work: who may do it, where it is done, and how many wait. Each count is the owning
 * module's own count of the list its page shows (issue 15: one source), so the badge and the page agree.
 */
interface TodoKind {
  kind: string;
  title: string;
  /** The admin route where the work is done. */
  link: string;
  /** The permission the work needs; the kind is left out for a role without it. */
  permission: Permission;
  count(ctx: AppContext, actor: Actor): Promise<number>;
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
    count: async (ctx, actor) => (await reminders(ctx, actor, {})).vacancies.length,
  },
  {
    kind: 'cadre_terms_due',
    title: '90天内届满或已届满的团干部任期',
    link: '/services',
    permission: 'service.write',
    count: async (ctx, actor) => (await reminders(ctx, actor, {})).termsDue.length,
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
];

/** What waits for this user in his reach: the kinds his permissions cover, those with work only. */
export async function listTodo(
  ctx: AppContext,
  actor: Actor,
  kinds = TODO_KINDS,
): Promise<{ items: TodoItem[] }> {
  const mine = kinds.filter((k) => can(actor, k.permission));
  const counts = await Promise.all(mine.map((k) => k.count(ctx, actor)));
  const items = mine
    .map((k, i) => ({ kind: k.kind, title: k.title, count: counts[i] ?? 0, link: k.link }))
    .filter((item) => item.count > 0);
  return { items };
}
