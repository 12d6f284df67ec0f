// bench/http-overhead: an authenticated read (GET /api/auth/me — session cookie, CSRF-free GET,
// access guard, metrics, security headers, schema-serialised JSON) against a bare node:http
// server answering the same body, with and without the app's security headers, and a bare
// Fastify with the same headers (the framework's own floor). Each round loads the four servers one after the other from a separate autocannon process on loopback
// (50 connections); figures are medians over the rounds. Goal: app ÷ bare ≥ 0.85. Beside
// requests per second, each server's CPU time per request: on a machine shared with other
// work the throughput moves with the neighbours, the CPU a request costs much less.
import { securityHeaders } from '../server/src/common/security-headers';
import {
  figureMaker,
  load,
  median,
  round1,
  round2,
  startProcess,
  withCpu,
  type BenchFigure,
  type Engine,
} from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 50;
const NAMES = ['bare', 'headers', 'fastify', 'app'] as const;

export async function httpOverhead(database: Engine): Promise<BenchFigure[]> {
  const env = database === 'postgres' ? {} : { BENCH_DATABASE_URL: '' };
  const servers = {
    bare: await startProcess<{ url: string }>('bench/servers/bare.mjs'),
    headers: await startProcess<{ url: string }>('bench/servers/bare.mjs', {
      BARE_HEADERS: JSON.stringify(securityHeaders(false)),
    }),
    fastify: await startProcess<{ url: string }>('bench/servers/fastify-bare.mjs', {
      BARE_HEADERS: JSON.stringify(securityHeaders(false)),
    }),
    app: await startProcess<{ url: string; cookie: string }>('bench/servers/app.ts', env),
  };
  const targets = {
    bare: { url: servers.bare.info.url, headers: {} },
    headers: { url: servers.headers.info.url, headers: {} },
    fastify: { url: servers.fastify.info.url, headers: {} },
    app: {
      url: `${servers.app.info.url}/api/auth/me`,
      headers: { cookie: servers.app.info.cookie },
    },
  };
  const runs = { bare: [], headers: [], fastify: [], app: [] } as Record<
    keyof typeof servers,
    Array<{ rps: number; p99: number; cpu: number }>
  >;
  try {
    // Warm-up (JIT), not measured.
    for (const name of NAMES)
      await load(targets[name].url, {
        connections: CONNECTIONS,
        seconds: 2,
        headers: targets[name].headers,
      });
    for (let round = 0; round < ROUNDS; round++)
      for (const name of NAMES) {
        const r = await withCpu(servers[name], () =>
          load(targets[name].url, {
            connections: CONNECTIONS,
            seconds: SECONDS,
            headers: targets[name].headers,
          }),
        );
        if (r.non2xx > 0 || r.errors > 0)
          throw new Error(`${name} answered ${r.non2xx} non-2xx and ${r.errors} errors`);
        runs[name].push({ rps: r.requestsPerSecond, p99: r.p99, cpu: r.cpuMicrosPerRequest });
      }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
  const m = (name: keyof typeof servers, k: 'rps' | 'p99' | 'cpu') =>
    median(runs[name].map((r) => r[k]));
  const ratio = round2(m('app', 'rps') / m('bare', 'rps'));
  const f = figureMaker('http-overhead', database);
  return [
    f('bare node:http', Math.round(m('bare', 'rps')), 'req/s'),
    f('bare node:http + the same security headers', Math.round(m('headers', 'rps')), 'req/s'),
    f('bare Fastify (no plugins) + the same headers', Math.round(m('fastify', 'rps')), 'req/s'),
    f('GET /api/auth/me', Math.round(m('app', 'rps')), 'req/s'),
    f('GET /api/auth/me p99', m('app', 'p99'), 'ms'),
    f('CPU per request: bare node:http', round1(m('bare', 'cpu')), 'µs'),
    f('CPU per request: bare + security headers', round1(m('headers', 'cpu')), 'µs'),
    f('CPU per request: bare Fastify + headers', round1(m('fastify', 'cpu')), 'µs'),
    f('CPU per request: GET /api/auth/me', round1(m('app', 'cpu')), 'µs'),
    f(
      'ratio bare Fastify / bare node:http (the framework floor)',
      round2(m('fastify', 'rps') / m('bare', 'rps')),
      '×',
    ),
    f('ratio app / bare + the same headers', round2(m('app', 'rps') / m('headers', 'rps')), '×'),
    f(
      'ratio app / bare Fastify + the same headers',
      round2(m('app', 'rps') / m('fastify', 'rps')),
      '×',
    ),
    f('ratio by CPU per request: bare / app', round2(m('bare', 'cpu') / m('app', 'cpu')), '×'),
    f('ratio app / bare node:http', ratio, '×', { goal: '≥ 0.85', met: ratio >= 0.85 }),
  ];
}
