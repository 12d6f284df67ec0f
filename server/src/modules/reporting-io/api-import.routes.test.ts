// CSV and JSON imports, Idempotency-Key (also across a second app process on the same
// database), CSV export, and DHIS2 dataValueSets in and out — through the real app.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createContext } from '../../context';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { testDialects } from '../../testing/databases';
import { COUNTY, FORM, openMonth, storedValues, withForms } from './test-support';

const fixtures = path.resolve(import.meta.dirname, '../../../../core/reporting-io/fixtures');
/** The DHIS2 sample files, with their July 2025 moved to the month open for entry today. */
const sample = (name: string) =>
  fs
    .readFileSync(path.join(fixtures, name), 'utf8')
    .replaceAll('202507', openMonth().replace('-', ''));

describe.each(testDialects())('CSV, JSON, idempotency and DHIS2 on $name', (dialect) => {
  let t: TestApp;
  let county: SignedIn;
  let city: SignedIn;
  const month = openMonth();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await withForms(t);
    county = await t.login('county');
    city = await t.login('city');
  });
  afterAll(() => t?.close());

  const postJson = (who: SignedIn, body: unknown, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/reporting-io/import/json',
      headers: { ...who.headers, ...(key ? { 'idempotency-key': key } : {}) },
      payload: body as Record<string, unknown>,
    });

  it('imports CSV with placed line errors, all or nothing', async () => {
    const bad = [
      'elementCode,unitCode,period,value,comment',
      `emp.urban-new-jobs,${COUNTY},${month},12,`,
      `emp.reemployed,${COUNTY},${month},十二,`,
    ].join('\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reporting-io/import/csv',
      headers: { ...county.headers, 'content-type': 'text/csv' },
      payload: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toBe('第 3 行（数值 value）：“十二”不是数字');
    expect(await storedValues(t)).toEqual([]);
    const good = bad.replace('十二', '7');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/reporting-io/import/csv',
      headers: { ...county.headers, 'content-type': 'text/csv; charset=utf-8' },
      payload: good,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().summary).toMatchObject({ created: 2, rejected: 0 });
  });

  it('exports CSV with a BOM and a header that imports back', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reporting-io/export.csv?formCode=${FORM}&units=${COUNTY}&periods=${month}`,
      headers: county.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\uFEFFelementCode,指标名称,unitCode,单位名称,period,value')).toBe(
      true,
    );
    expect(res.body).toContain(
      `emp.urban-new-jobs,城镇新增就业人数,${COUNTY},梅县区,${month},12,draft`,
    );
    // Re-importing the export changes nothing.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/reporting-io/import/csv',
      headers: { ...county.headers, 'content-type': 'text/csv' },
      payload: res.body,
    });
    expect(again.json().summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('replays the stored answer for a repeated Idempotency-Key, even in another process', async () => {
    const body = {
      values: [
        { elementCode: 'emp.hard-to-employ-employed', unitCode: COUNTY, period: month, value: 40 },
      ],
    };
    const first = await postJson(county, body, 'key-0001');
    expect(first.statusCode).toBe(200);
    expect(first.json().summary.created).toBe(1);
    const history = () => t.ctx.db.selectFrom('data_value_history').select('id').execute();
    const writes = (await history()).length;

    const second = await postJson(county, body, 'key-0001');
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    expect((await history()).length).toBe(writes);

    // A second app process on the same database sees the key.
    const ctx2 = await createContext(t.ctx.config, t.database);
    const app2 = await buildApp(ctx2);
    try {
      const third = await app2.inject({
        method: 'POST',
        url: '/api/reporting-io/import/json',
        headers: { ...county.headers, 'idempotency-key': 'key-0001' },
        payload: body,
      });
      expect(third.statusCode).toBe(200);
      expect(third.headers['idempotent-replayed']).toBe('true');
      expect(third.body).toBe(first.body);
    } finally {
      await app2.close();
    }
    expect((await history()).length).toBe(writes);
  });

  it('refuses the same key with a different body (422), and keys are per user', async () => {
    const other = {
      values: [
        { elementCode: 'emp.hard-to-employ-employed', unitCode: COUNTY, period: month, value: 41 },
      ],
    };
    const res = await postJson(county, other, 'key-0001');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(
      (await storedValues(t)).find((v) => v.element_code === 'emp.hard-to-employ-employed')?.value,
    ).toBe(40);
    const byCity = await postJson(city, other, 'key-0001');
    expect(byCity.statusCode).toBe(200);
    expect(byCity.json().summary.updated).toBe(1);
  });

  it('stores a refusal too: the same bad request gets the same 400 without re-running', async () => {
    const bad = {
      values: [{ elementCode: 'emp.urban-new-jobs', unitCode: '449999', period: month, value: 1 }],
    };
    const first = await postJson(county, bad, 'key-bad');
    expect(first.statusCode).toBe(400);
    expect(first.json().errors[0].message).toContain('单位代码“449999”不存在');
    const second = await postJson(county, bad, 'key-bad');
    expect(second.statusCode).toBe(400);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    const invalid = await postJson(county, bad, 'ä');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  describe('DHIS2 dataValueSets', () => {
    const post = (who: SignedIn, body: string, type: string, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/api/dhis2/dataValueSets${query}`,
        headers: { ...who.headers, 'content-type': type },
        payload: body,
      });

    it('dry-runs the documented JSON sample: an import summary and nothing stored', async () => {
      await t.ctx.db.deleteFrom('data_value_history').execute();
      await t.ctx.db.deleteFrom('data_values').execute();
      const res = await post(
        city,
        sample('dhis2-datavalueset.json'),
        'application/json',
        '?dryRun=true',
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        responseType: 'ImportSummary',
        status: 'SUCCESS',
        importOptions: { dryRun: true, idSchemes: { idScheme: 'CODE' } },
        importCount: { imported: 3, updated: 0, ignored: 0, deleted: 0 },
        conflicts: [],
      });
      expect(await storedValues(t)).toEqual([]);
    });

    it('imports the documented CSV sample, then counts a re-import as ignored', async () => {
      const res = await post(city, sample('dhis2-datavalueset.csv'), 'application/csv');
      expect(res.statusCode).toBe(200);
      expect(res.json().importCount).toEqual({ imported: 3, updated: 0, ignored: 0, deleted: 0 });
      const json = await post(city, sample('dhis2-datavalueset.json'), 'application/json');
      expect(json.json().importCount).toEqual({ imported: 0, updated: 0, ignored: 3, deleted: 0 });
      expect((await storedValues(t)).map((v) => [v.element_code, v.unit_code, v.value])).toEqual([
        ['emp.hard-to-employ-employed', '441402', 88],
        ['emp.reemployed', COUNTY, 310],
        ['emp.urban-new-jobs', COUNTY, 1250],
      ]);
    });

    it('answers 409 with DHIS2 conflicts and stores nothing when any value is wrong', async () => {
      const before = await storedValues(t);
      const res = await post(
        county,
        sample('dhis2-datavalueset.json').replace('"1250"', '"-5"'),
        'application/json',
      );
      expect(res.statusCode).toBe(409);
      const summary = res.json<{
        status: string;
        importCount: unknown;
        conflicts: Array<{ object: string; value: string; indexes: number[] }>;
      }>();
      expect(summary.status).toBe('ERROR');
      expect(summary.importCount).toEqual({ imported: 0, updated: 0, ignored: 3, deleted: 0 });
      // -5 is negative; 441402 is outside the county user's scope.
      expect(summary.conflicts.map((c) => c.indexes[0])).toEqual([0, 2]);
      expect(summary.conflicts[1]).toMatchObject({ object: '441402' });
      expect(summary.conflicts[1]!.value).toMatch(/^dataValues\[2\]：无权填报“梅江区”/);
      expect(await storedValues(t)).toEqual(before);

      const csv = await post(
        county,
        fs.readFileSync(path.join(fixtures, 'dhis2-datavalueset-bad.csv'), 'utf8'),
        'text/csv',
      );
      expect(csv.statusCode).toBe(409);
      expect(csv.json().conflicts).toHaveLength(4);
      expect(await storedValues(t)).toEqual(before);
    });

    it('refuses UID identifiers and an unknown org unit', async () => {
      const uid = await post(
        city,
        sample('dhis2-datavalueset.json'),
        'application/json',
        '?idScheme=UID',
      );
      expect(uid.statusCode).toBe(400);
      expect(uid.json().message).toContain('idScheme=CODE');
      const unknown = await post(
        city,
        sample('dhis2-datavalueset.json').replaceAll('441403', '449999'),
        'application/json',
        '?dryRun=true',
      );
      expect(unknown.statusCode).toBe(200);
      expect(unknown.json().status).toBe('ERROR');
      expect(unknown.json().conflicts[0]).toMatchObject({ object: '449999' });
    });

    it('exports JSON and CSV with codes and DHIS2 periods, within the caller’s scope', async () => {
      const dhisPeriod = month.replace('-', '');
      const json = await t.app.inject({
        method: 'GET',
        url: `/api/dhis2/dataValueSets.json?dataSet=${FORM}&orgUnit=441400&children=true&period=${dhisPeriod}`,
        headers: city.headers,
      });
      expect(json.statusCode).toBe(200);
      const values = json.json().dataValues;
      expect(values).toHaveLength(3);
      expect(values[0]).toMatchObject({
        period: dhisPeriod,
        categoryOptionCombo: 'default',
        followup: false,
      });
      const mine = await t.app.inject({
        method: 'GET',
        url: `/api/dhis2/dataValueSets.json?dataSet=${FORM}&orgUnit=441400&children=true&period=${dhisPeriod}`,
        headers: county.headers,
      });
      expect(
        mine.json<{ dataValues: Array<{ orgUnit: string }> }>().dataValues.map((v) => v.orgUnit),
      ).toEqual([COUNTY, COUNTY]);
      const csv = await t.app.inject({
        method: 'GET',
        url: `/api/dhis2/dataValueSets.csv?dataElement=emp.reemployed&orgUnit=${COUNTY}&startDate=${month}-01&endDate=${month}-02`,
        headers: city.headers,
      });
      expect(csv.body.split('\n')[0]).toBe(
        'dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup,deleted',
      );
      expect(csv.body).toContain(`emp.reemployed,${dhisPeriod},${COUNTY},default,default,310`);
      const missing = await t.app.inject({
        method: 'GET',
        url: '/api/dhis2/dataValueSets.json',
        headers: city.headers,
      });
      expect(missing.statusCode).toBe(400);
    });
  });
});
