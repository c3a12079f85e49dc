import { existsSync } from 'node:fs';
import QRCode from 'qrcode';
import { DomainError } from '../../lib/errors.ts';
import { formatHours } from '../../lib/hours.ts';
import type { CertificateView } from './certificates.service.ts';

/** Installed by fonts-noto-cjk (CI installs it); the PDF cannot show Chinese without a CJK font. */
export const CJK_FONT_PATH =
  process.env.TUANWU_CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CJK_FONT_FACE = 'NotoSansCJKsc-Regular';

export class FontMissingError extends DomainError {
  readonly statusCode = 503;
  readonly code = 'FONT_MISSING';
}

/** The 志愿服务证明 as an A4 PDF with the fields of the 2020 rules (《志愿服务记录与证明出具办法（试行）》). */
export async function renderCertificatePdf(c: CertificateView, verifyUrl: string): Promise<Buffer> {
  if (!existsSync(CJK_FONT_PATH)) {
    throw new FontMissingError(
      `服务器缺少中文字体（${CJK_FONT_PATH}），无法生成 PDF 证明；请安装 fonts-noto-cjk，或先使用网页版打印`,
    );
  }
  // Loaded when first used: pdfkit unpacks its font tables on import, which a starting server need not pay.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: `志愿服务证明 ${c.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', CJK_FONT_PATH, CJK_FONT_FACE);
  doc.font('cjk');
  doc.fontSize(24).text('志愿服务证明', { align: 'center' });
  doc.moveDown(0.3).fontSize(10).fillColor('#555').text(`证明编号：${c.number}`, { align: 'center' });
  doc.moveDown(1.5).fillColor('#000').fontSize(12);
  const rows: [string, string][] = [
    ['志愿者姓名', c.name],
    ['证件类型', c.idType],
    ['证件号码', c.idNumberMasked],
    ['志愿者编号', c.volunteerNo],
    ['服务时间', `${c.periodFrom} 至 ${c.periodTo}`],
    ['服务时长', `${formatHours(c.hours)} 小时（${c.activityCount} 次活动）`],
    ['服务内容', c.content],
    ['出具单位', c.issuerName],
    ['联系人及电话', c.contact],
    ['出具日期', c.issuedOn],
  ];
  for (const [label, value] of rows) {
    doc
      .font('cjk')
      .fontSize(12)
      .fillColor('#333')
      .text(`${label}：`, { continued: true })
      .fillColor('#000')
      .text(value);
    doc.moveDown(0.5);
  }
  doc
    .moveDown(1)
    .fontSize(11)
    .text(
      `兹证明以上志愿者参加${c.issuerName}组织的志愿服务，服务时长经活动组织者确认属实。本证明免费出具，扫描下方二维码或访问 ${verifyUrl} 可查验真伪。`,
    );
  doc.moveDown(2).fontSize(12).text(`${c.issuerName}（盖章）`, { align: 'right' });
  doc.text(c.issuedOn, { align: 'right' });
  // The verification QR (issue 17 item 10): whoever holds the paper can check it against the issuer's record.
  const qr = await QRCode.toBuffer(verifyUrl, {
    type: 'png',
    margin: 1,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  const top = doc.y + 24;
  doc.image(qr, doc.page.margins.left, top, { width: 96, height: 96 });
  doc
    .fontSize(9)
    .fillColor('#555')
    .text('扫码查验真伪', doc.page.margins.left, top + 100, { width: 96, align: 'center' });
  doc.end();
  return done;
}
