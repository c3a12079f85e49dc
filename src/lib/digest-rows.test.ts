import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestRows } from './digest-rows.ts';

const digest = (text: string) => createHmac('sha256', 'key').update(text).digest('base64url');

describe('DigestRows', () => {
  it('answers 0 for a digest first seen and the last earlier row for one seen again', () => {
    const rows = new DigestRows();
    expect(rows.put(digest('a'), 2)).toBe(0);
    expect(rows.put(digest('b'), 3)).toBe(0);
    expect(rows.put(digest('a'), 7)).toBe(2);
    expect(rows.put(digest('a'), 9)).toBe(7);
    expect(rows.put(digest('b'), 10)).toBe(3);
  });

  it('keeps every digest as it grows far past its first capacity, agreeing with a Map', () => {
    const rows = new DigestRows(4);
    const map = new Map<string, number>();
    // One expect at the end: 50,000 expect() calls took most of this test's time (18 s at load 25).
    const disagreements: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const d = digest(String(i % 37_000));
      const answer = rows.put(d, i + 2);
      if (answer !== (map.get(d) ?? 0)) disagreements.push(`row ${i + 2}: ${answer}, Map ${map.get(d) ?? 0}`);
      map.set(d, i + 2);
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses a text that is not base64url', () => {
    expect(() => new DigestRows().put('not a digest!', 2)).toThrow(/base64url/);
  });
});
