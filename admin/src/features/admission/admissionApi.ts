import { ADMISSION_REMINDERS, ADMISSION_STATUSES, RECOMMENDED_BY } from '@shared/labels';
import type { Answer, Item } from '../../api/http';
import type { LabelMap } from '../../app/labels';

/** /api/admissions: the shapes are the server's (generated schema.d.ts, src/modules/admission/admission.schemas.ts). */
export type Board = Answer<'/api/admissions'>;
export type AdmissionDetail = Answer<'/api/admissions/{id}'>;
export type ChecklistItem = AdmissionDetail['checklist']['items'][number];
export type PartyList = Answer<'/api/party-recommendations'>;
export type PartyCase = PartyList['cases'][number];
export type Quota = Item<'/api/admissions/quotas'>;

export const statusLabels: LabelMap = ADMISSION_STATUSES;

export const statusColors: Record<string, string> = {
  applied: 'default',
  activist: 'blue',
  candidate: 'orange',
  admitted: 'red',
  rejected: 'default',
  withdrawn: 'default',
};

export const reminderLabels: LabelMap = ADMISSION_REMINDERS;

export const recommendedByLabels: LabelMap = RECOMMENDED_BY;
