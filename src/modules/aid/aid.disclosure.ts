import type { AppContext } from '../../context.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { fenToYuan } from '../../lib/money.ts';
import { maskName } from '../../lib/text.ts';
import { findOrgByCode } from '../orgs/orgs.service.ts';
import { checkPeriod } from '../reports/reports.service.ts';
import { findDonations, findGrants } from './aid.repository.ts';

/** Public disclosure never names a person in full (DOMAIN.md); a one-character name is hidden entirely. */
export function maskForDisclosure(name: string): string {
  return [...name].length <= 1 ? '*' : maskName(name);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const money = (fen: number) => fenToYuan(fen).toFixed(2);

/**
 * 助学公示: the donations and grants of an organisation's subtree in a period, for anyone to read. Donors that are
 * units are shown by name; a person, donor or student, only masked; no identity number, reason or school.
 */
export async function disclosurePage(ctx: AppContext, q: { org: string; from: string; to: string }) {
  checkPeriod(q.from, q.to);
  const org = await findOrgByCode(ctx.db, q.org);
  if (!org) throw new NotFoundError(`组织 ${q.org} 不存在`);
  const scope = { orgPath: org.path, from: q.from, to: q.to };
  const donations = await findDonations(ctx.db, scope).execute();
  const grants = await findGrants(ctx.db, scope).execute();
  const raised = donations.reduce((s, d) => s + Number(d.amount_fen), 0);
  const granted = grants.reduce((s, g) => s + Number(g.amount_fen), 0);
  const donationRows = donations
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.donated_on)}</td><td>${escapeHtml(
          d.donor_kind === '单位' ? d.donor : maskForDisclosure(d.donor),
        )}</td><td>${escapeHtml(d.program)}</td><td class="n">${money(Number(d.amount_fen))}</td><td>${escapeHtml(
          d.receipt_no ?? '',
        )}</td></tr>`,
    )
    .join('');
  const grantRows = grants
    .map(
      (g) =>
        `<tr><td>${escapeHtml(g.granted_on)}</td><td>${escapeHtml(maskForDisclosure(g.person_name))}</td><td>${escapeHtml(
          g.program,
        )}</td><td class="n">${money(Number(g.amount_fen))}</td></tr>`,
    )
    .join('');
  const title = `${org.name}助学捐赠与资助公示（${q.from} 至 ${q.to}）`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:16px;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:24px}th,td{border:1px solid #ccc;padding:4px 6px;font-size:14px}
th{background:#f4f4f4}.n{text-align:right}h1{font-size:20px}h2{font-size:16px}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p>收到捐赠 ${donations.length} 笔，合计 ${money(raised)} 元；发放资助 ${grants.length} 笔，合计 ${money(granted)} 元。</p>
<h2>捐赠</h2><table><thead><tr><th>日期</th><th>捐赠方</th><th>项目</th><th>金额（元）</th><th>收据编号</th></tr></thead>
<tbody>${donationRows || '<tr><td colspan="5">本期无捐赠</td></tr>'}</tbody></table>
<h2>资助发放</h2><table><thead><tr><th>日期</th><th>受助学生</th><th>项目</th><th>金额（元）</th></tr></thead>
<tbody>${grantRows || '<tr><td colspan="4">本期无发放</td></tr>'}</tbody></table>
<p>个人姓名已按规定脱敏。如有疑问请联系${escapeHtml(org.name)}。</p></body></html>`;
}

/** The printable receipt of one donation (the admin opens it in a new tab and prints). */
export function receiptPage(r: {
  receiptNo: string;
  issuedOn: string | null;
  issuer: string | null;
  code: string;
  donor: string;
  amount: number;
  amountInWords: string;
  donatedOn: string;
  program: string;
  note: string | null;
  org: { name: string };
}): string {
  // A receipt from before issue days were kept shows blanks to be filled by hand, not a made-up name.
  const blank = '<span class="blank" aria-label="待填写"></span>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>捐赠收据 ${escapeHtml(r.receiptNo)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:640px;margin:24px auto;padding:0 12px;color:#222}
h1{text-align:center;font-size:22px;letter-spacing:4px}table{width:100%;border-collapse:collapse}
td{border:1px solid #888;padding:8px}td:first-child{width:28%;background:#f6f6f6}.no{text-align:right}
.words{font-size:18px;letter-spacing:1px}.sign{display:flex;flex-wrap:wrap;justify-content:space-between;gap:8px;margin-top:16px}
.blank{display:inline-block;min-width:6em;border-bottom:1px solid #222}
@media print{.hint{display:none}}</style></head>
<body><h1>捐赠收据</h1><p class="no">收据编号：${escapeHtml(r.receiptNo)}</p>
<table><tr><td>捐赠方</td><td>${escapeHtml(r.donor)}</td></tr>
<tr><td>金额（大写）</td><td class="words" data-testid="amount-in-words">人民币${escapeHtml(r.amountInWords)}</td></tr>
<tr><td>金额（小写）</td><td>¥${r.amount.toFixed(2)}</td></tr>
<tr><td>捐赠日期</td><td>${escapeHtml(r.donatedOn)}</td></tr>
<tr><td>项目</td><td>${escapeHtml(r.program)}</td></tr>
<tr><td>捐赠编号</td><td>${escapeHtml(r.code)}</td></tr>
<tr><td>备注</td><td>${escapeHtml(r.note ?? '')}</td></tr>
<tr><td>接收组织</td><td>${escapeHtml(r.org.name)}（盖章）</td></tr></table>
<div class="sign"><span data-testid="receipt-issuer">经办人：${r.issuer ? escapeHtml(r.issuer) : blank}</span>
<span data-testid="receipt-issued-on">开具日期：${r.issuedOn ? escapeHtml(chineseDate(r.issuedOn)) : blank}</span></div>
<p>感谢您对青少年成长的关心与支持！</p><p class="hint">请使用浏览器的“打印”（Ctrl+P）打印本收据。</p></body></html>`;
}

/** 2026-12-05 → 2026年12月5日, as dates are written on Chinese vouchers. */
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
