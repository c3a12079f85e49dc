import type { Paragraph } from 'docx';
import type { Article } from './article.ts';

/** Chinese fonts as county offices have them: 方正小标宋 for the title, 黑体 headings, 仿宋 body (公文 custom). */
const FONTS = { title: '方正小标宋简体', heading: '黑体', body: '仿宋_GB2312', fallback: 'SimSun' };

/** The article as a Word document: centred title, author line, lead, and the numbered sections (drafted or edited). */
export async function articleToDocx(article: Omit<Article, 'markdown'>): Promise<Buffer> {
  // Loaded when first used, not when the server starts (issue 14).
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const run = (text: string, font: string, size: number, bold = false) =>
    new TextRun({ text, bold, size, font: { name: font, eastAsia: font, ascii: font, hAnsi: font } });
  const body = (text: string) =>
    new Paragraph({
      children: [run(text, FONTS.body, 32)],
      indent: { firstLine: 640 },
      spacing: { line: 560 },
      alignment: AlignmentType.JUSTIFIED,
    });
  const children: Paragraph[] = [
    new Paragraph({
      children: [run(article.title, FONTS.title, 44, true)],
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
    }),
    new Paragraph({
      children: [run(article.author, FONTS.body, 28)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
    }),
    body(article.lead),
  ];
  for (const section of article.sections) {
    if (section.paragraphs.length === 0) continue;
    // An edited draft may have paragraphs after the lead before its first heading: they have none.
    if (section.heading)
      children.push(
        new Paragraph({
          children: [run(section.heading, FONTS.heading, 32, true)],
          heading: HeadingLevel.HEADING_1,
          spacing: { before: 360, after: 120 },
        }),
      );
    children.push(...section.paragraphs.map(body));
  }
  const doc = new Document({
    creator: 'tuanwu',
    title: article.title,
    styles: { default: { document: { run: { font: FONTS.fallback } } } },
    sections: [{ properties: {}, children }],
  });
  return Packer.toBuffer(doc);
}
