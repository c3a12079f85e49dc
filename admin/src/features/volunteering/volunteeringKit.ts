import type { Answer, Item } from '../../api/http';

/** /api/volunteering: the shapes are the server's (generated schema.d.ts, src/modules/volunteering). */
export type Activity = Answer<'/api/volunteering/activities/{id}'>;
export type Enrolment = Item<'/api/volunteering/activities/{id}/enrolments'>;
export type Certificate = Answer<'/api/volunteering/certificates/{number}'>;

export const SOURCE_LABELS: Record<string, string> = {
  import: '导入',
  checkin: '扫码签到',
  manual: '手工补录',
  correction: '更正',
};
