import { TextSelection } from '@tiptap/pm/state';
import { tableEditing } from '@tiptap/pm/tables';
import { type Editor, Extension, mergeAttributes, Node } from '@tiptap/react';

/**
 * Tables for the article editor (issue 17, item 15): without them tiptap flattens a table pasted from Word
 * into loose paragraphs. Four plain nodes are enough to keep one — rows, header and data cells, colspan and
 * rowspan — which is what the server's allowlist lets through (newsroom.sanitize.ts). Word's widths, styles
 * and classes are left behind; thead/tbody come back as one tbody (header cells stay th).
 */
function span(name: 'colspan' | 'rowspan') {
  return {
    default: 1,
    parseHTML: (el: HTMLElement) => {
      const n = Number(el.getAttribute(name) ?? 1);
      return Number.isInteger(n) && n > 1 && n <= 100 ? n : 1;
    },
    renderHTML: (attrs: Record<string, unknown>) =>
      (attrs[name] as number) > 1 ? { [name]: attrs[name] } : {},
  };
}

const cellAttributes = () => ({ colspan: span('colspan'), rowspan: span('rowspan') });

export const TableCell = Node.create({
  name: 'tableCell',
  content: 'block+',
  isolating: true,
  addAttributes: cellAttributes,
  parseHTML: () => [{ tag: 'td' }],
  renderHTML: ({ HTMLAttributes }) => ['td', mergeAttributes(HTMLAttributes), 0],
});

export const TableHeader = Node.create({
  name: 'tableHeader',
  content: 'block+',
  isolating: true,
  addAttributes: cellAttributes,
  parseHTML: () => [{ tag: 'th' }],
  renderHTML: ({ HTMLAttributes }) => ['th', mergeAttributes(HTMLAttributes), 0],
});

export const TableRow = Node.create({
  name: 'tableRow',
  content: '(tableCell | tableHeader)+',
  parseHTML: () => [{ tag: 'tr' }],
  renderHTML: ({ HTMLAttributes }) => ['tr', mergeAttributes(HTMLAttributes), 0],
});

export const Table = Node.create({
  name: 'table',
  group: 'block',
  content: 'tableRow+',
  isolating: true,
  parseHTML: () => [{ tag: 'table' }],
  renderHTML: () => ['table', ['tbody', 0]],
});

/**
 * The roles prosemirror-tables reads from the schema (`tableRole`), so that its commands — add or remove a row
 * or a column — and its repair of uneven rows work on these nodes; and its editing plugin (cell selection).
 */
const TABLE_ROLES: Record<string, string> = {
  table: 'table',
  tableRow: 'row',
  tableCell: 'cell',
  tableHeader: 'header_cell',
};
const TableEditing = Extension.create({
  name: 'tableEditing',
  extendNodeSchema: (extension) =>
    TABLE_ROLES[extension.name] ? { tableRole: TABLE_ROLES[extension.name] } : {},
  addProseMirrorPlugins: () => [tableEditing()],
});

export const TableNodes = [Table, TableRow, TableHeader, TableCell, TableEditing];

/**
 * Inserts an empty table of `rows` × `cols`, the first row of header cells (issue 17, item 15: the toolbar's
 * 插入表格), and puts the cursor in its first cell, as tiptap's own table extension does.
 */
export function insertTable(editor: Editor, rows = 3, cols = 3): boolean {
  const { state, view } = editor;
  const { nodes } = state.schema;
  const row = (cell: 'tableHeader' | 'tableCell') =>
    nodes.tableRow!.create(
      null,
      Array.from({ length: cols }, () => nodes[cell]!.createAndFill()!),
    );
  const table = nodes.table!.create(null, [
    row('tableHeader'),
    ...Array.from({ length: rows - 1 }, () => row('tableCell')),
  ]);
  const offset = state.selection.from + 1;
  const tr = state.tr.replaceSelectionWith(table).scrollIntoView();
  tr.setSelection(TextSelection.near(tr.doc.resolve(offset)));
  view.dispatch(tr);
  view.focus();
  return true;
}
