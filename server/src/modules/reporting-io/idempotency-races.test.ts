// Idempotency-Key under real concurrency (Stripe's semantics): the same key sent ten times at
// once writes once and every request gets the same answer; another body under the key is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { testDialects } from '../../testing/databases';
import { listen, request } from '../../testing/http';
import { COUNTY, openMonth, withForms } from './test-support';

describe.each(testDialects())('Idempotency-Key races on $name', (dialect) => {
  let t: TestApp;
  let base: string;
  let county: SignedIn;
  const month = openMonth();
  const element = 'emp.hard-to-employ-employed';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await withForms(t);
    county = await t.login('county');
    base = await listen(t);
  });
  afterAll(() => t.close());

  const post = (body: unknown, key: string) =>
    request(base, county, 'POST', '/api/reporting-io/import/json', body, {
      'idempotency-key': key,
    });
  const history = () =>
    t.ctx.db
      .selectFrom('data_value_history')
      .selectAll()
      .where('element_code', '=', element)
      .execute();
  const audits = () =>
    t.ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'data.save').execute();

  it('writes once when the same key arrives ten times at once, and answers all ten the same', async () => {
    const body = { values: [{ elementCode: element, unitCode: COUNTY, period: month, value: 17 }] };
    const auditsBefore = (await audits()).length;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(body, 'race-1')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0]!.json<{ summary: { created: number } }>().summary.created).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(await history()).toHaveLength(1);
    expect((await audits()).length).toBe(auditsBefore + 1);
  });

  it('refuses a different body under a used key, even sent at the same time, storing nothing', async () => {
    const first = {
      values: [{ elementCode: element, unitCode: COUNTY, period: month, value: 20 }],
    };
    const other = {
      values: [{ elementCode: element, unitCode: COUNTY, period: month, value: 21 }],
    };
    const answers = await Promise.all([
      post(first, 'race-2'),
      ...Array.from({ length: 4 }, () => post(other, 'race-2')),
    ]);
    const codes = answers.map((a) => a.status);
    // Whichever body reserved the key first wins; every request with the other body gets 422.
    const winner = codes[0] === 200 ? 20 : 21;
    expect(codes.filter((c) => c === 422).length).toBe(codes[0] === 200 ? 4 : 1);
    for (const a of answers.filter((x) => x.status === 422))
      expect(a.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const stored = await t.ctx.db
      .selectFrom('data_values')
      .select('value')
      .where('element_code', '=', element)
      .executeTakeFirstOrThrow();
    expect(stored.value).toBe(winner);
    expect(await history()).toHaveLength(2);
  });
});
