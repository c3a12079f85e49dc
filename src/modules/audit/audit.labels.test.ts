import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../imports/kinds.ts';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditEntityLabel } from './audit.labels.ts';

const SRC = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sources(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The literal codes of every recordAudit({ ... }) call in the source. */
function recordedCodes(key: 'entity' | 'action'): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.split('recordAudit(').slice(1)) {
      const m = call.slice(0, 600).match(new RegExp(`\\b${key}: '([a-z_-]+)'`));
      if (m?.[1]) codes.add(m[1]);
    }
  }
  return codes;
}

describe('audit labels (issue 17 item 13: no raw English codes in the log)', () => {
  it('has a Chinese label for every entity the source records, portal_article included', () => {
    const codes = recordedCodes('entity');
    expect(codes.size).toBeGreaterThan(30);
    expect(codes).toContain('portal_article');
    expect([...codes].filter((c) => !AUDIT_ENTITY_LABELS[c])).toEqual([]);
    expect(auditEntityLabel('portal_article')).toBe('网站文章');
  });

  it('has a label for every import kind (imports are recorded under their kind)', () => {
    expect(IMPORT_KINDS.map((k) => k.kind).filter((k) => !AUDIT_ENTITY_LABELS[k])).toEqual([]);
  });

  it('has a label for every action the source records', () => {
    expect([...recordedCodes('action')].filter((c) => !AUDIT_ACTION_LABELS[c])).toEqual([]);
  });

  it('labels in Chinese, never with the code itself', () => {
    for (const text of [...Object.values(AUDIT_ENTITY_LABELS), ...Object.values(AUDIT_ACTION_LABELS)])
      expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
});
