import { describe, expect, it } from 'vitest';
import { INDICATORS } from './indicators.ts';
import { LISTINGS } from './report-records.ts';
import { AnswerSheetReply, RecordRow } from './reports.schemas.ts';

describe('report response schemas', () => {
  it('declare every column of every drill-down (a column left out would vanish from the answer)', () => {
    const declared = Object.keys(RecordRow.properties);
    for (const [indicator, listing] of Object.entries(LISTINGS))
      for (const column of listing.columns)
        expect(declared, `${indicator}: ${column.key}`).toContain(column.key);
  });

  it('declare no drill-down column that no indicator lists', () => {
    const listed = new Set(Object.values(LISTINGS).flatMap((l) => l.columns.map((c) => c.key)));
    expect(Object.keys(RecordRow.properties).filter((k) => !listed.has(k))).toEqual([]);
  });

  it('declare the answer sheet with exactly the indicators of REPORT-SPEC.md, in order', () => {
    expect(Object.keys(AnswerSheetReply.properties.indicators.properties)).toEqual(
      INDICATORS.map((i) => i.key),
    );
  });
});
