import { mergeAttributes, Node } from '@tiptap/react';

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

export const TableNodes = [Table, TableRow, TableHeader, TableCell];
