import { ageToday } from '../../lib/dates.ts';
import { maskPhone } from '../../lib/text.ts';
import type { PersonRow } from './people.repository.ts';

export function presentPersonSummary(p: PersonRow) {
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    /** Age, not the birth date: beside the mask a birth date would give the number away (DESIGN.md). */
    age: ageToday(p.birth_date),
    idType: p.id_type,
    idNumberMasked: p.id_number_masked,
    phoneMasked: p.phone ? maskPhone(p.phone) : null,
    politicalStatus: p.political_status,
    org: p.org_code ? { code: p.org_code, name: p.org_name! } : null,
    joinedOn: p.joined_on,
    memberNo: p.member_no,
  };
}

export function presentPerson(p: PersonRow) {
  return {
    ...presentPersonSummary(p),
    ethnicity: p.ethnicity,
    education: p.education,
    workplace: p.workplace,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}
