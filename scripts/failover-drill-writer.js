// The writer of scripts/failover-drill.sh: signs in on each process and POSTs numbered funds (4 in flight) until
// /tmp/drill-stop exists; writes the acknowledged ones to a file and prints what was sent, acknowledged and refused.
import { existsSync, writeFileSync } from 'node:fs';

const [urls, user, pass, out] = [
  process.argv[2].split(','),
  process.argv[3],
  process.argv[4],
  process.argv[5],
];
const sessions = new Map();
async function session(base) {
  if (sessions.has(base)) return sessions.get(base);
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: pass }),
  });
  if (!res.ok) throw new Error(`login ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await res.json();
  const s = { cookie, 'x-csrf-token': csrfToken };
  sessions.set(base, s);
  return s;
}
const acked = [];
const errors = {};
let n = 0;
async function lane() {
  while (!existsSync('/tmp/drill-stop')) {
    const i = n++;
    const base = urls[i % urls.length];
    try {
      const h = await session(base);
      const res = await fetch(`${base}/api/funds`, {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/json' },
        body: JSON.stringify({
          program: '助学',
          source: '其他',
          amount: 1,
          receivedOn: '2026-12-01',
          orgCode: 'SL-A',
          purpose: `drill-${i}`,
        }),
        signal: AbortSignal.timeout(10000),
      });
      if (res.status === 201) acked.push(`drill-${i}`);
      else {
        errors[res.status] = (errors[res.status] ?? 0) + 1;
        if (res.status === 401) sessions.delete(base);
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch (e) {
      const k = e.cause?.code ?? e.name;
      errors[k] = (errors[k] ?? 0) + 1;
      sessions.delete(base);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
const t0 = Date.now();
await Promise.all([lane(), lane(), lane(), lane()]);
writeFileSync(out, `${acked.join('\n')}\n`);
console.log(
  JSON.stringify({ seconds: (Date.now() - t0) / 1000, sent: n, acknowledged: acked.length, errors }),
);
