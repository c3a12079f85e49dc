import type { AddOrg } from './demo-org.ts';
import { juniors, seniors, teachers, vocational } from './demo-org.ts';
import type { County } from './places.ts';
import { VOCATIONAL_CLASSES } from './units.ts';

/** Two senior middle schools (grade 团总支 over class branches), two junior ones and the 职业教育中心. */
export function buildSchools(add: AddOrg, county: County, countyCode: string): void {
  const townships = county.townships;
  const schools = [
    { name: `${county.name}第一高级中学`, senior: 3, region: townships[0]!.code },
    { name: `${county.name}第二高级中学`, senior: 2, region: townships[1]!.code },
    { name: `${county.name}实验中学`, junior: 3, region: townships[0]!.code },
    { name: `${county.name}${townships[2]!.name}初级中学`, junior: 2, region: townships[2]!.code },
  ];
  const grades = ['高一', '高二', '高三'];
  schools.forEach((s, i) => {
    const code = `${countyCode}-M${String(i + 1).padStart(2, '0')}`;
    const base = { county, regionCode: s.region, domain: '中学' as const, unitName: s.name };
    add({
      ...base,
      code,
      name: `${s.name}团委`,
      kind: 'committee',
      parentCode: countyCode,
      establishedOn: '2001-09-01',
    });
    if (s.senior) {
      grades.forEach((grade, g) => {
        const gradeCode = `${code}-G${g + 1}`;
        const entry = 2026 - g;
        add({
          ...base,
          code: gradeCode,
          name: `${s.name}${grade}年级团总支`,
          kind: 'general_branch',
          parentCode: code,
          establishedOn: `${entry}-09-15`,
        });
        for (let k = 1; k <= s.senior; k++) {
          add({
            ...base,
            code: `${gradeCode}-C${k}`,
            name: `${s.name}${grade}(${k})班团支部`,
            kind: 'branch',
            parentCode: gradeCode,
            establishedOn: `${entry}-09-15`,
            register: seniors(s.name, g + 1),
          });
        }
      });
    }
    for (let k = 1; k <= (s.junior ?? 0); k++) {
      add({
        ...base,
        code: `${code}-C${k}`,
        name: `${s.name}初三(${k})班团支部`,
        kind: 'branch',
        parentCode: code,
        establishedOn: '2026-09-15',
        register: juniors(s.name),
      });
    }
    add({
      ...base,
      code: `${code}-J`,
      name: `${s.name}教工团支部`,
      kind: 'branch',
      parentCode: code,
      establishedOn: '2008-05-04',
      register: teachers(s.name),
    });
  });

  const school = `${county.name}职业教育中心`;
  const code = `${countyCode}-V01`;
  const base = { county, regionCode: townships[1]!.code, domain: '中职' as const, unitName: school };
  add({
    ...base,
    code,
    name: `${school}团委`,
    kind: 'committee',
    parentCode: countyCode,
    establishedOn: '2006-09-01',
  });
  VOCATIONAL_CLASSES.forEach((major, k) => {
    const entry = 2025 + (k % 2);
    add({
      ...base,
      code: `${code}-C${k + 1}`,
      name: `${school}${major}${entry % 100}01班团支部`,
      kind: 'branch',
      parentCode: code,
      establishedOn: `${entry}-09-20`,
      register: vocational(school, entry),
    });
  });
  add({
    ...base,
    code: `${code}-J`,
    name: `${school}教工团支部`,
    kind: 'branch',
    parentCode: code,
    establishedOn: '2008-05-04',
    register: teachers(school),
  });
}
