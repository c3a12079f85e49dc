import type { Insertable, Updateable } from 'kysely';
import { nowIso } from '../../db/create-db.ts';
import type { PersonTable } from '../../db/schema.ts';
import { DigestRows } from '../../lib/digest-rows.ts';
import type { IdNumberInfo } from '../../lib/id-number.ts';
import { siblingModule } from '../../lib/module-url.ts';
import { reaches } from '../auth/auth.policy.ts';
import { type ImportKind, type ParsedRow, v } from '../imports/import-kind.ts';
import { findOrgsByCodes, type OrgRow } from '../orgs/orgs.service.ts';
import { format } from './people.format.ts';
import type { PoliticalStatus } from './people.labels.ts';
import { findPeopleByHashes, insertPeople, updatePeople } from './people.repository.ts';
import { personErrors, personScope, personWarnings } from './people.rules.ts';
import { registeringOrg } from './people.service.ts';

const HEADERS = {
  gender: 'gender',
  birthDate: 'birth_date',
  orgCode: 'org_code',
  joinedOn: 'joined_on',
  memberNo: 'member_no',
};

/** Fields compared to decide between updated and unchanged; the identity number itself is the key. */
const COMPARED = [
  'id_type',
  'id_number_masked',
  'gender',
  'birth_date',
  'name',
  'ethnicity',
  'phone',
  'political_status',
  'org_id',
  'joined_on',
  'member_no',
  'education',
  'workplace',
  'scope_org_id',
  'scope_path',
] as const;

export const peopleImport: ImportKind = {
  ...format,
  permission: 'person.write',
  formatModule: siblingModule('./people.format.ts', import.meta.url).href,
  async open(session) {
    const { db, actor } = session;
    const orgs = new Map<string, OrgRow | null>();
    const fallbackScope = await registeringOrg(db, actor);
    const seen = new DigestRows();

    async function resolveOrgs(rows: ParsedRow[]) {
      const missing = [
        ...new Set(
          rows.map((r) => v<string>(r, 'org_code')).filter((c): c is string => c != null && !orgs.has(c)),
        ),
      ];
      for (const c of missing) orgs.set(c, null);
      for (const o of await findOrgsByCodes(db, missing)) orgs.set(o.code, o);
    }

    return {
      async writeBatch(rows) {
        await resolveOrgs(rows);
        const now = nowIso();
        const candidates: {
          row: ParsedRow;
          hash: string;
          record: Insertable<PersonTable>;
        }[] = [];
        for (const row of rows) {
          const id = v<IdNumberInfo>(row, 'id_number')!;
          const politicalStatus = v<PoliticalStatus>(row, 'political_status')!;
          const orgCode = v<string>(row, 'org_code');
          const facts = {
            id,
            gender: v<'男' | '女'>(row, 'gender'),
            birthDate: v<string>(row, 'birth_date'),
            politicalStatus,
            orgGiven: orgCode != null,
            joinedOn: v<string>(row, 'joined_on'),
            memberNo: v<string>(row, 'member_no'),
          };
          const problems = personErrors(facts, HEADERS);
          for (const p of problems) session.error(row, p.column, p.reason, p.value);
          for (const p of personWarnings(facts, HEADERS)) session.warning(row, p.column, p.reason, p.value);
          const org = orgCode ? orgs.get(orgCode) : null;
          if (orgCode && !org) session.error(row, 'org_code', `团组织 ${orgCode} 不存在`);
          else if (org && !reaches(actor, org.path))
            session.error(row, 'org_code', `团组织 ${orgCode} 不在您的管理范围内`);
          else if (problems.length === 0) {
            const hash = v<string>(row, 'id_number_hash')!;
            const masked = v<string>(row, 'id_number_masked')!;
            const earlier = seen.put(hash, row.rowNumber);
            if (earlier)
              session.warning(row, 'id_number', `与第 ${earlier} 行证件号码相同，以本行为准`, masked);
            candidates.push({
              row,
              hash,
              record: {
                id_number_hash: hash,
                id_number_enc: v<string>(row, 'id_number_enc')!,
                id_number_masked: masked,
                id_type: v<string>(row, 'id_type')!,
                name: v<string>(row, 'name')!,
                gender: id.gender,
                birth_date: id.birthDate,
                ethnicity: v<string>(row, 'ethnicity'),
                phone: v<string>(row, 'phone'),
                political_status: politicalStatus,
                org_id: org?.id ?? null,
                joined_on: facts.joinedOn,
                member_no: facts.memberNo,
                education: v<string>(row, 'education'),
                workplace: v<string>(row, 'workplace'),
                ...personScope(org ?? null, fallbackScope),
                created_at: now,
                updated_at: now,
              },
            });
          }
        }
        const existing = new Map(
          (
            await findPeopleByHashes(
              db,
              candidates.map((c) => c.hash),
            )
          ).map((p) => [p.id_number_hash, p]),
        );
        const inserts = new Map<string, Insertable<PersonTable>>();
        // By person: a number given twice in a batch leaves the later row's values, as writing each in turn did.
        const updates = new Map<number, Updateable<PersonTable> & { id: number }>();
        for (const { row, hash, record } of candidates) {
          const current = existing.get(hash);
          if (!current) {
            // A later row of the same batch with the same number replaces the earlier one.
            if (!inserts.has(hash)) session.counted('inserted');
            inserts.set(hash, record);
            continue;
          }
          if (!reaches(actor, current.scope_path)) {
            session.error(
              row,
              'id_number',
              '该人员已由其他组织登记，不在您的管理范围内',
              record.id_number_masked,
            );
            continue;
          }
          // A row naming no org leaves him where he was (personScope).
          const org = record.org_id == null ? null : { id: record.scope_org_id!, path: record.scope_path! };
          const next = {
            ...record,
            ...personScope(org, { id: current.scope_org_id, path: current.scope_path }),
          };
          if (COMPARED.every((k) => (current[k] ?? null) === (next[k] ?? null))) {
            session.counted('unchanged');
            continue;
          }
          const { created_at: _c, id_number_hash: _h, id_number_enc: _e, ...changes } = next;
          updates.set(current.id, { id: current.id, ...changes });
          Object.assign(current, changes);
          session.counted('updated');
        }
        await updatePeople(db, [...updates.values()]);
        await insertPeople(db, [...inserts.values()]);
      },
    };
  },
};
