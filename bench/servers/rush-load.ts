// Load generator for bench/entry-rush, in its own process: autocannon drives many reporters
// saving their form (PUT /api/reporting/values); every tenth save of a reporter also submits,
// after which that reporter moves on to the month before. A reporter has one save in flight at
// a time, as a person at a form does: otherwise a slow save could arrive after the same
// reporter's submission of that month and be refused (423) for the generator's own ordering.
// Reads its set-up as JSON from argv.
import autocannon from 'autocannon';
import { formatPeriod, periodContaining } from '../../core/periods/periods';
import { previousPeriod } from '../../core/reporting-io/period-codes';

interface Setup {
  url: string;
  reporters: Array<{ unit: string; cookie: string; csrf: string }>;
  elements: string[];
  connections: number;
  seconds: number;
  /** Requests per second for all connections together; 0 = as fast as possible. */
  rate: number;
  /** First month index (0 = this month, 1 = last month …), so runs do not overlap. */
  monthOffset: number;
}

const setup = JSON.parse(process.argv[2]!) as Setup;
const months: string[] = [formatPeriod(periodContaining('month', new Date()))];
for (let i = 1; i < 2000; i++) months.push(previousPeriod(months[i - 1]!)!);

let sent = 0;
const rounds = setup.reporters.map(() => 0);
/** Reporters without a save in flight, longest idle first. */
const idle = setup.reporters.map((_, i) => i);
const result = await autocannon({
  url: setup.url,
  connections: setup.connections,
  duration: setup.seconds,
  ...(setup.rate ? { overallRate: setup.rate } : {}),
  requests: [
    {
      method: 'PUT',
      path: '/api/reporting/values',
      setupRequest: (request, context) => {
        sent++;
        // (Only a request lost to a socket error leaves its reporter out of the pool.)
        const i = idle.shift() ?? sent % setup.reporters.length;
        context.reporter = i;
        const reporter = setup.reporters[i]!;
        const round = rounds[i]!++;
        const period = months[setup.monthOffset + Math.floor(round / 10)]!;
        const values = setup.elements.map((elementCode, k) => ({
          elementCode,
          unitCode: reporter.unit,
          period,
          value: 100 + round + k,
        }));
        return {
          ...request,
          headers: {
            cookie: reporter.cookie,
            'x-csrf-token': reporter.csrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ values, ...(round % 10 === 9 ? { submit: true } : {}) }),
        };
      },
      onResponse: (_status, _body, context) => {
        if (context.reporter !== undefined) idle.push(context.reporter);
        context.reporter = undefined;
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    sent,
    statusCodes: (result as unknown as { statusCodeStats?: unknown }).statusCodeStats,
  })}\n`,
);
