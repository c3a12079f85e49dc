import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { DomainError } from '../../lib/errors.ts';
import { formatHours } from '../../lib/hours.ts';
import { attemptsPerAddress } from '../auth/throttle.service.ts';
import { VERIFY_PATH, verifyCertificate } from './certificates.service.ts';
import { register } from './registrations.service.ts';
import { honourRoll } from './stars.service.ts';
import { CertificateNumberParam, RegistrationBody } from './volunteering.schemas.ts';

const escapeHtml = (t: string | number) => String(t).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:640px;margin:0 auto;padding:16px;color:#222}h1{font-size:20px;color:#c41d24}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:8px 4px;text-align:left;font-size:15px}.ok{color:#237804;font-weight:600}.bad{color:#a8071a}</style></head><body>${body}</body></html>`;
}

/**
 * What anyone may see without signing in, outside /api (no session is read there): a certificate's check by
 * its number, the honour roll of star volunteers with masked names, and a young person's registration.
 */
export function volunteeringPublicRoutes(
  ctx: AppContext,
  options: { attemptsPerAddress: number },
): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['volunteering-public'];
    app.get(
      `${VERIFY_PATH}/:number`,
      { schema: { tags, summary: '查验志愿服务证明（网页）', params: CertificateNumberParam } },
      async (request, reply) => {
        reply.type('text/html; charset=utf-8');
        try {
          const c = await verifyCertificate(ctx, request.params.number);
          const rows: [string, string | number][] = [
            ['证明编号', c.number],
            ['志愿者', c.name],
            ['服务时间', `${c.periodFrom} 至 ${c.periodTo}`],
            ['服务时长', `${formatHours(c.hours)} 小时（${c.activityCount} 次活动）`],
            ['出具单位', c.issuerName],
            ['出具日期', c.issuedOn],
          ];
          return page(
            '志愿服务证明查验',
            `<h1>志愿服务证明查验</h1><p class="ok">✔ 该证明真实有效，由${escapeHtml(c.issuerName)}出具</p><table>${rows
              .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
              .join(
                '',
              )}</table><p style="color:#888;font-size:13px">为保护个人信息，此处只显示姓名的一部分；请与证明原件上的姓名、时长核对。</p>`,
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          reply.status(error.statusCode);
          return page(
            '志愿服务证明查验',
            `<h1>志愿服务证明查验</h1><p class="bad">${escapeHtml(error.message)}</p>`,
          );
        }
      },
    );
    app.get(
      '/public/volunteering/certificates/:number',
      { schema: { tags, summary: '查验志愿服务证明', params: CertificateNumberParam } },
      async (request) => verifyCertificate(ctx, request.params.number),
    );
    app.get(
      '/public/volunteering/honour-roll/:code',
      {
        schema: {
          tags,
          summary: '星级志愿者光荣榜（姓名脱敏）',
          params: Type.Object({ code: Type.String({ maxLength: 32 }) }),
        },
      },
      async (request) => honourRoll(ctx, request.params.code),
    );
    app.get(
      '/volunteer-honour-roll/:code',
      {
        schema: {
          tags,
          summary: '星级志愿者光荣榜（网页）',
          params: Type.Object({ code: Type.String({ maxLength: 32 }) }),
        },
      },
      async (request, reply) => {
        reply.type('text/html; charset=utf-8');
        const roll = await honourRoll(ctx, request.params.code);
        const list = roll.items
          .map(
            (i) =>
              `<tr><td>${escapeHtml(i.name)}</td><td>${escapeHtml(i.label ?? '')}</td><td>${escapeHtml(formatHours(i.hours))} 小时</td></tr>`,
          )
          .join('');
        return page(
          `${roll.orgName} 星级志愿者光荣榜`,
          `<h1>${escapeHtml(roll.orgName)} 星级志愿者光荣榜</h1><p>${roll.levels.map((l) => `${l.label}（${formatHours(l.hours)}小时）${l.count}人`).join('，')}</p><table><tr><th>姓名</th><th>星级</th><th>累计时长</th></tr>${list}</table>`,
        );
      },
    );
    app.post(
      '/public/volunteering/register',
      {
        schema: { tags, summary: '青年注册志愿者账号（待组织者确认）', body: RegistrationBody },
      },
      async (request, reply) =>
        reply.status(201).send(
          await register(ctx, request.body, {
            ip: request.ip,
            perAddress: attemptsPerAddress(options.attemptsPerAddress),
          }),
        ),
    );
  };
}
