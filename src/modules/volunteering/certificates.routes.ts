import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { attachment } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { siteOrigin } from '../portal/portal.origin.ts';
import { renderCertificatePdf } from './certificate.pdf.ts';
import {
  getCertificate,
  issueCertificate,
  issueOwnCertificate,
  VERIFY_PATH,
} from './certificates.service.ts';
import {
  CertificateNumberParam,
  CertificatePdfReply,
  CertificateReply,
  IssueCertificateBody,
  SelfCertificateBody,
} from './volunteering.schemas.ts';

/** Where the QR on the paper leads: TUANWU_PUBLIC_URL when set (a forged Host must not be printed on it). */
export function verifyUrlOf(ctx: AppContext, request: FastifyRequest, number: string): string {
  return `${siteOrigin(ctx.config, request)}${VERIFY_PATH}/${number}`;
}

/** Certificates: issued by staff or by the holder himself; the PDF for staff in scope and the holder. */
export function certificateRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['volunteering'];
    app.post(
      '/certificates',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '出具志愿服务证明',
          response: { 201: CertificateReply },
          body: IssueCertificateBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await issueCertificate(ctx, actorOf(request), request.body)),
    );
    app.post(
      '/me/certificates',
      {
        config: { permission: 'volunteer.self' },
        schema: {
          tags,
          summary: '为本人出具志愿服务证明',
          response: { 201: CertificateReply },
          body: SelfCertificateBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await issueOwnCertificate(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/certificates/:number',
      {
        config: { permission: ['volunteer.read', 'volunteer.self'] },
        schema: {
          tags,
          summary: '证明内容（打印页用）',
          response: { 200: CertificateReply },
          params: CertificateNumberParam,
        },
      },
      async (request) => getCertificate(ctx, actorOf(request), request.params.number),
    );
    app.get(
      '/certificates/:number/pdf',
      {
        config: { permission: ['volunteer.read', 'volunteer.self'] },
        schema: {
          tags,
          summary: '证明 PDF',
          response: { 200: CertificatePdfReply },
          params: CertificateNumberParam,
        },
      },
      async (request, reply) => {
        const c = await getCertificate(ctx, actorOf(request), request.params.number);
        const pdf = await renderCertificatePdf(c, verifyUrlOf(ctx, request, c.number));
        return reply
          .type('application/pdf')
          .header('content-disposition', attachment(`志愿服务证明-${c.number}.pdf`))
          .send(pdf);
      },
    );
  };
}
