import type { Generated } from 'kysely';

/** A young person's application for an internship post, filed by himself. */
export interface InternshipApplicationTable {
  id: Generated<number>;
  post_id: number;
  person_id: number;
  applied_on: string;
  /** applied 已报名, withdrawn 已撤回, accepted 已录用, rejected 未录用 */
  status: string;
  statement: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceTables {
  internship_applications: InternshipApplicationTable;
}
