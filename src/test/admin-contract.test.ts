/**
 * The admin reads the server's shapes from the generated contract (admin/src/api/schema.d.ts, issue 16 item 1),
 * never from a hand-kept copy. This test fails when a file of the admin declares an object type (an interface or
 * a `type X = { … }`) whose property names are those of an object in the server's schema: a copy that would
 * drift. Props, form values the server never sees and local state have names of their own and pass. It also
 * fails on a call through an untyped helper (`api.get(…)`, `request(…)`, `download(…)`), should one be brought
 * back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const adminSrc = path.join(root, 'admin/src');
/** Fewer names than this say too little to call two shapes the same (`{ code, name }` is everywhere). */
const MIN_KEYS = 3;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function keysOf(members: ts.NodeArray<ts.TypeElement>): string[] {
  return members
    .filter((m): m is ts.PropertySignature => ts.isPropertySignature(m))
    .map((m) => m.name.getText().replace(/^["']|["']$/g, ''))
    .sort();
}

/** Every object shape of the generated schema, by its sorted property names. */
function schemaShapes(): Set<string> {
  const shapes = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isTypeLiteralNode(node)) {
      const keys = keysOf(node.members);
      if (keys.length >= MIN_KEYS) shapes.add(keys.join(','));
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(path.join(adminSrc, 'api/schema.d.ts')));
  return shapes;
}

function adminFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return adminFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Declared {
  file: string;
  name: string;
  keys: string[];
  /** A form's values hold picker dates (Dayjs) and become the route's body on submit: not a copy. */
  form: boolean;
}

const holdsPickerDates = (members: ts.NodeArray<ts.TypeElement>) =>
  members.some((m) => ts.isPropertySignature(m) && /\bDayjs\b/.test(m.type?.getText() ?? ''));

/** The object types the admin declares at any depth (an interface, or a type alias of an object literal). */
function declaredShapes(): Declared[] {
  const out: Declared[] = [];
  for (const file of adminFiles(adminSrc)) {
    const rel = path.relative(root, file);
    const visit = (node: ts.Node) => {
      if (ts.isInterfaceDeclaration(node))
        out.push({
          file: rel,
          name: node.name.text,
          keys: keysOf(node.members),
          form: holdsPickerDates(node.members),
        });
      if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type))
        out.push({
          file: rel,
          name: node.name.text,
          keys: keysOf(node.type.members),
          form: holdsPickerDates(node.type.members),
        });
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return out;
}

describe('the admin reads the server’s shapes from the generated contract', () => {
  it('declares no object type that copies one of the schema', () => {
    const shapes = schemaShapes();
    expect(shapes.size).toBeGreaterThan(100);
    const copies = declaredShapes()
      .filter((d) => !d.form && d.keys.length >= MIN_KEYS && shapes.has(d.keys.join(',')))
      .map((d) => `${d.file}: ${d.name} {${d.keys.join(', ')}} — use the route's Answer/Item/RequestBody`);
    expect(copies).toEqual([]);
  });

  it('finds a copy when there is one', () => {
    // The check itself: the to-do item's shape, were it written out again, is caught.
    const shapes = schemaShapes();
    expect(shapes.has(['count', 'kind', 'link', 'title'].join(','))).toBe(true);
  });

  it('calls the server only through the typed client', () => {
    const untyped = adminFiles(adminSrc)
      .filter((f) => !f.endsWith(path.join('api', 'client.ts')))
      .filter((f) =>
        /import\s*\{[^}]*\b(api|request|requestText|download)\b[^}]*\}\s*from\s*'[./]+\/api\/client'/.test(
          readFileSync(f, 'utf8'),
        ),
      )
      .map((f) => path.relative(root, f));
    expect(untyped).toEqual([]);
  });
});
