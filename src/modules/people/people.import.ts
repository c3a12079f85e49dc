import type { Insertable } from 'kysely';
import { nowIso } from '../../db/create-db.ts';
import type { PersonTable } from '../../db/schema.ts';
import { type IdNumberInfo, maskIdNumber } from '../../lib/id-number.ts';
import { reaches } from '../auth/auth.policy.ts';
import {
  codeColumn,
  dateColumn,
  enumColumn,
  idNumberColumn,
  phoneColumn,
  textColumn,
} from '../imports/columns.ts';
import { type ImportKind, type ParsedRow, v } from '../imports/import-kind.ts';
import { findOrgsByCodes, type OrgRow } from '../orgs/orgs.repository.ts';
import { POLITICAL_STATUSES, type PoliticalStatus } from './people.labels.ts';
import { findPeopleByHashes, insertPeople, updatePerson } from './people.repository.ts';
import { personErrors, personWarnings } from './people.rules.ts';
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
  kind: 'people',
  label: '人员信息',
  batchSize: 500,
  columns: [
    idNumberColumn({
      header: '身份证号',
      key: 'id_number',
      required: true,
      naturalKey: true,
      example: '41142420050101001X',
    }),
    textColumn({ header: '姓名', key: 'name', required: true, example: '张三', maxLength: 50 }),
    enumColumn({
      header: '性别',
      key: 'gender',
      example: '男',
      labels: { 男: '男', 女: '女' },
      format: '男 / 女（可不填，按身份证号）',
    }),
    dateColumn({ header: '出生日期', key: 'birth_date', example: '', format: '日期（可不填，按身份证号）' }),
    textColumn({ header: '民族', key: 'ethnicity', example: '汉族', maxLength: 20 }),
    phoneColumn({ header: '手机号码', key: 'phone', example: '13800000000' }),
    enumColumn({
      header: '政治面貌',
      key: 'political_status',
      required: true,
      example: '共青团员',
      labels: POLITICAL_STATUSES,
    }),
    codeColumn({
      header: '所在团组织编码',
      key: 'org_code',
      example: 'SL-A-T01',
      pattern: /^[A-Za-z0-9-]{1,32}$/,
      reason: '组织编码格式不正确',
      format: '组织编码；共青团员必填',
    }),
    dateColumn({ header: '入团日期', key: 'joined_on', example: '2020-05-04', format: '日期；共青团员必填' }),
    codeColumn({
      header: '团员编号',
      key: 'member_no',
      example: '202000000001',
      pattern: /^\d{12}$/,
      reason: '团员编号应为12位数字',
    }),
    textColumn({ header: '学历', key: 'education', example: '高中', maxLength: 50 }),
    textColumn({ header: '工作单位或学校', key: 'workplace', example: '示例县第一高级中学', maxLength: 100 }),
  ],
  async open(session) {
    const { db, ctx, actor } = session;
    const orgs = new Map<string, OrgRow | null>();
    const fallbackScope = await registeringOrg(db, actor);
    const seen = new Map<string, number>();

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
          id: IdNumberInfo;
          record: Omit<Insertable<PersonTable>, 'id_number_enc'>;
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
            const hash = ctx.cipher.lookupHash(id.idNumber);
            const earlier = seen.get(hash);
            if (earlier)
              session.warning(
                row,
                'id_number',
                `与第 ${earlier} 行身份证号相同，以本行为准`,
                maskIdNumber(id.idNumber),
              );
            seen.set(hash, row.rowNumber);
            const scope = org ?? fallbackScope;
            candidates.push({
              row,
              hash,
              id,
              record: {
                id_number_hash: hash,
                id_number_masked: maskIdNumber(id.idNumber),
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
                scope_org_id: scope.id,
                scope_path: scope.path,
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
        for (const { row, hash, id, record } of candidates) {
          const current = existing.get(hash);
          if (!current) {
            // A later row of the same batch with the same number replaces the earlier one.
            if (!inserts.has(hash)) session.counted('inserted');
            inserts.set(hash, { ...record, id_number_enc: ctx.cipher.encrypt(id.idNumber) });
            continue;
          }
          if (!reaches(actor, current.scope_path)) {
            session.error(
              row,
              'id_number',
              '该人员已由其他组织登记，不在您的管理范围内',
              maskIdNumber(id.idNumber),
            );
            continue;
          }
          // Someone registered without an org keeps where he was registered when the row still names none.
          const next =
            record.org_id == null
              ? { ...record, scope_org_id: current.scope_org_id, scope_path: current.scope_path }
              : record;
          if (COMPARED.every((k) => (current[k] ?? null) === (next[k] ?? null))) {
            session.counted('unchanged');
            continue;
          }
          const { created_at: _c, id_number_hash: _h, ...changes } = next;
          await updatePerson(db, current.id, changes);
          Object.assign(current, changes);
          session.counted('updated');
        }
        await insertPeople(db, [...inserts.values()]);
      },
    };
  },
};
