import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.ts';

/** The public site; a placeholder until the portal issue builds the newsroom. */
export function portalRoutes(_ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>共青团工作平台</title>
<style>body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.8;color:#222}
h1{color:#c00}a{color:#b00}</style></head>
<body><header><h1>共青团工作平台</h1></header>
<main><p>门户网站正在建设中，《青春答卷》等栏目即将上线。</p><p><a href="/admin/">进入工作平台</a></p></main></body></html>`),
    );
  };
}
