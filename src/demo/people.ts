import { ageOn } from '../lib/dates.ts';
import { makeIdNumber } from '../lib/id-number.ts';
import type { DemoOrg, Register } from './demo-org.ts';
import { personName } from './names.ts';
import { addYears, type Random } from './random.ts';

/**
 * The day the demo describes (the start of the school year 2026–27). Ages, statuses and join dates are
 * computed against it rather than today, so the demo is the same whenever it is loaded.
 */
export const AS_OF = '2026-09-01';

export const PEOPLE_HEADER = [
  '身份证号',
  '姓名',
  '性别',
  '出生日期',
  '民族',
  '手机号码',
  '政治面貌',
  '所在团组织编码',
  '入团日期',
  '团员编号',
  '学历',
  '工作单位或学校',
];

const PHONE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '155', '158'];
const MORE_PREFIXES = ['166', '176', '177', '180', '182', '183', '185', '186', '187', '188', '189', '199'];

function phone(random: Random): string {
  const prefix = random.pick(random.chance(0.6) ? PHONE_PREFIXES : MORE_PREFIXES);
  return `${prefix}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** Nobody has a degree before the age one takes it. */
function educationAt(choices: readonly string[], age: number): readonly string[] {
  const fitting = choices.filter((e) => (e !== '本科' || age >= 22) && (e !== '硕士研究生' || age >= 24));
  return fitting.length > 0 ? fitting : choices;
}

/**
 * Generates the people of every branch with a register, as rows of the 人员信息 import: identity numbers
 * valid under GB 11643 with the county's region code, unique by (birth date, sequence); league members
 * joined between 14 and 18 and belong to the branch; most carry a 团员编号 starting with the join year.
 */
export function buildPeople(random: Random, orgs: readonly DemoOrg[]): string[][] {
  const rows: string[][] = [PEOPLE_HEADER];
  const sequences = new Map<string, number>();
  let memberSerial = 0;

  const idNumber = (regionCode: string, birthDate: string, gender: '男' | '女') => {
    // GB 11643: the sequence is odd for men and even for women.
    const key = `${regionCode}${birthDate}`;
    const slot = sequences.get(key) ?? random.int(5, 200);
    sequences.set(key, slot + 1);
    return makeIdNumber(regionCode, birthDate, slot * 2 + (gender === '男' ? 1 : 0));
  };

  const person = (org: DemoOrg, register: Register): string[] => {
    const gender = random.chance(0.5) ? '男' : '女';
    const birthDate = random.date(register.born[0], register.born[1]);
    const age = ageOn(birthDate, AS_OF);
    let status: string;
    let joinedOn = '';
    let memberNo = '';
    if (age < 14) status = random.chance(0.9) ? '少先队员' : '群众';
    else if (register.adults && age >= 21 && random.chance(0.12)) status = '中共党员';
    else if (register.adults && age >= 19 && random.chance(0.03)) status = '中共预备党员';
    else if (random.chance(register.members)) {
      status = '共青团员';
      const latest = addYears(birthDate, 18) < AS_OF ? addYears(birthDate, 18) : AS_OF;
      joinedOn = random.date(addYears(birthDate, 14), latest);
      if (random.chance(0.7)) {
        memberSerial++;
        memberNo = `${joinedOn.slice(0, 4)}${String(memberSerial).padStart(8, '0')}`;
      }
    } else status = '群众';
    const county = org.county!;
    return [
      idNumber(county.code, birthDate, gender),
      personName(random, gender),
      gender,
      birthDate,
      random.chance(0.96) ? '汉族' : random.pick(['回族', '回族', '满族', '蒙古族']),
      age < 16 && random.chance(0.4) ? '' : phone(random),
      status,
      org.code,
      joinedOn,
      memberNo,
      random.pick(educationAt(register.education, age)),
      register.workplace,
    ];
  };

  for (const org of orgs) {
    if (!org.register) continue;
    for (let n = random.int(org.register.size[0], org.register.size[1]); n > 0; n--) {
      rows.push(person(org, org.register));
    }
  }
  return rows;
}
