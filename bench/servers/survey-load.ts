// Load generator for bench/survey-ingest, in a process of its own: autocannon POSTs responses,
// each with a fresh signed respondent cookie (as many distinct citizens), and prints a JSON line.
import { createRequire } from 'node:module';
import { SurveySigner } from '../../server/src/modules/surveys/respondent';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no type declarations.
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const target = JSON.parse(process.env.SURVEY_TARGET!) as {
  url: string;
  surveyId: number;
  waveId: number;
  p: string;
  k: string;
};
const signer = new SurveySigner(Buffer.from(process.env.SURVEY_SECRET!));
let i = 0;
const body = (n: number) =>
  JSON.stringify({
    waveId: target.waveId,
    p: target.p,
    k: target.k,
    answers: { q1: 1 + (n % 5), q2: n % 11, q3: n % 3 ? 'no' : 'yes', q5: ['jobs'] },
  });

const result = await autocannon({
  url: target.url,
  connections: Number(process.env.CONNECTIONS ?? 20),
  duration: Number(process.env.SECONDS ?? 10),
  requests: [
    {
      method: 'POST',
      path: `/api/public/surveys/${target.surveyId}/responses`,
      setupRequest: (req: Record<string, unknown>) => ({
        ...req,
        headers: {
          'content-type': 'application/json',
          cookie: `minsheng_rt=${signer.newRespondentToken()}`,
        },
        body: body(i++),
      }),
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, total: result.requests.total })}\n`,
);
