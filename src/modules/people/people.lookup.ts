import type { AppContext } from '../../context.ts';
import { parseIdReference } from '../../lib/id-document.ts';
import { foldWidth } from '../../lib/text.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { countPeople, findPeople, type PeopleFilter } from './people.repository.ts';
import type { PeopleLookup } from './people.schemas.ts';
import { makePersonRef } from './person-ref.ts';

/** Enough to tell apart the few of one name in a county; more, and the 证件号码 is what names him. */
const LOOKUP_LIMIT = 10;

/**
 * The named lookup (person.lookup, issue 17 item 8): a school clerk with his 签到表, an aid officer with a 资助
 * 申请表, has the person's full name and usually his 证件号码, and needs that one person, never the roll. So
 * only an exact 证件号码 (any document type) or the whole name finds anyone, in the caller's reach (a middle
 * school's staff: his school's subtree), answered with what tells two of a name apart (masked number, branch)
 * and nothing more: no part of a name, no phone, no 志愿者编号, no list to page through.
 */
export async function lookupPeople(ctx: AppContext, actor: Actor, input: PeopleLookup) {
  assertCan(actor, 'person.lookup');
  const q = foldWidth(input.q).trim();
  const none = { items: [], total: 0 };
  if (!q) return none;
  const filter: PeopleFilter = { scopePath: actor.scopePath };
  if (/\d/.test(q)) {
    const doc = parseIdReference(q);
    if (!doc.ok) return none;
    filter.idNumberHash = ctx.cipher.lookupHash(doc.doc.idNumber);
  } else filter.nameExact = q;
  const [total, rows] = await Promise.all([
    countPeople(ctx.db, filter),
    findPeople(ctx.db, filter, LOOKUP_LIMIT, 0),
  ]);
  return {
    items: rows.map((p) => ({
      id: p.id,
      name: p.name,
      idNumberMasked: p.id_number_masked,
      org: p.org_code ? { code: p.org_code, name: p.org_name! } : null,
      // What his writes name this person by: a walk of ids through them would otherwise read the roll.
      ref: makePersonRef(ctx.config.secret, p.id, actor.userId),
    })),
    total,
  };
}
