import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../auth/auth.policy.ts';
import { draftArticle } from './article.ts';
import { INDICATORS } from './indicators.ts';
import { LISTINGS } from './report-records.ts';
import { listIndicators } from './report-views.service.ts';
import { AnswerSheetReply } from './reports.schemas.ts';
import type { AnswerSheet, Indicators } from './reports.service.ts';

/**
 * Issue 16 item 3: an indicator is one entry of the table (src/modules/reports/indicators/<lead>.ts). Every
 * consumer derives from it, and no other file lists indicators; one that needs a particular figure names it here.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const TABLE = 'src/modules/reports/indicators/';
const KEYS = INDICATORS.map((i) => i.key);

/** Files outside the table that name an indicator, each with the keys it names and why. */
const REFERENCES: Record<string, { keys: string[]; why: string }> = {
  'src/modules/cadres/cadres.service.ts': {
    keys: [
      'cadre.county_seconded_deputies',
      'cadre.county_parttime_deputies',
      'cadre.township_student_deputies',
    ],
    why: 'the cadre structure shows the three deputy figures, counted by the report',
  },
  'admin/src/features/reports/DashboardCharts.tsx': {
    keys: ['volunteer.participations', 'admission.admitted', 'aid.granted', 'aid.raised'],
    why: "a chart's bar opens the records of the indicator it draws",
  },
  'src/db/migrations/20261203000800_report_indexes.ts': {
    keys: ['member.total'],
    why: 'a comment of a landed migration (never edited) on the query it indexes',
  },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter(
      (f) =>
        !f.endsWith('.test.ts') &&
        !f.startsWith('src/test/') &&
        // Generated from the server's schemas, which are built from the table.
        f !== 'admin/src/api/schema.d.ts',
    );
}

const fullSheet = (value: (key: string) => number): AnswerSheet => ({
  org: { code: 'SL-A', name: '共青团示例县委员会' },
  period: { from: '2022-01-01', to: '2023-12-31' },
  indicators: Object.fromEntries(KEYS.map((k) => [k, value(k)])) as Indicators,
});

describe('the indicator table (issue 16 item 3)', () => {
  it('has one entry per key', () => {
    expect(new Set(KEYS).size).toBe(KEYS.length);
  });

  it('is what the answer sheet, its drill-downs and exports, and the dashboard cards are made of', () => {
    expect(Object.keys(AnswerSheetReply.properties.indicators.properties)).toEqual(KEYS);
    expect(Object.keys(LISTINGS)).toEqual(KEYS);
    for (const i of INDICATORS) {
      // The export writes the listing's columns, which are the entry's own.
      expect(LISTINGS[i.key].columns, i.key).toBe(i.records.columns);
      expect(LISTINGS[i.key].permission, i.key).toBe(i.records.permission);
    }
    const cards = listIndicators(systemActor()).items;
    expect(cards.map((c) => [c.key, c.label, c.lead, c.unit])).toEqual(
      INDICATORS.map((i) => [i.key, i.label, i.lead, i.unit]),
    );
  });

  it("writes the article from the entries' clauses, leaving out a clause whose figure is zero", () => {
    const ones = fullSheet(() => 1);
    const all = draftArticle(ones).markdown;
    const clauses = INDICATORS.filter((i) => i.article);
    for (const i of clauses) {
      const phrase = i.article!.phrase(1, ones.indicators);
      expect(all, i.key).toContain(phrase);
      expect(draftArticle(fullSheet((k) => (k === i.key ? 0 : 1))).markdown, i.key).not.toContain(phrase);
    }
    // The two without a clause of their own are stated in 已建青年之家的乡镇's.
    expect(INDICATORS.filter((i) => !i.article).map((i) => i.key)).toEqual([
      'venue.townships',
      'venue.township_coverage',
    ]);
  });

  it('is the only place in src/ and admin/src that lists indicator keys', () => {
    const quoted = new RegExp(`['"\`](${KEYS.map((k) => k.replace('.', '\\.')).join('|')})['"\`]`, 'g');
    const found: Record<string, string[]> = {};
    for (const file of [...sourceFiles('src'), ...sourceFiles('admin/src')]) {
      if (file.startsWith(TABLE)) continue;
      const keys = [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(quoted)].map((m) => m[1]!);
      if (keys.length > 0) found[file] = [...new Set(keys)].sort();
    }
    expect(found).toEqual(
      Object.fromEntries(Object.entries(REFERENCES).map(([file, r]) => [file, [...r.keys].sort()])),
    );
  });
});
