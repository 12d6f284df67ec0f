import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { createOpenSurvey, openAsCitizen, submit, type SurveyFixture } from './surveys.fixtures';

interface IndexBody {
  minN: number;
  cells: Array<{
    waveCode: string;
    placeCode: string;
    domainCode: string;
    n: number;
    status: string;
    index: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    label: string;
  }>;
}

describe.each(testDialects())('surveys and the satisfaction index on $name', (dialect) => {
  let t: TestApp;
  let f: SurveyFixture;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await createOpenSurvey(t);
  });
  afterAll(() => t?.close());

  const index = async (query: string, role: 'supervisor' | 'city' | 'county' = 'supervisor') => {
    const who = await t.login(role);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/satisfaction/index?surveyId=${f.surveyId}&${query}`,
      headers: { cookie: who.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<IndexBody>();
  };

  it('lets only the supervisor build surveys, with specific errors', async () => {
    const city = await t.login('city');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: city.headers,
      payload: { title: 'x', questions: [] },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: f.supervisor.headers,
      payload: {
        title: '坏问卷',
        questions: [
          { id: 'a', type: 'likert', scale: '1-5', domainCode: 'D99', text: '题', required: true },
          {
            id: 'b',
            type: 'text',
            text: '文字',
            required: false,
            showIf: { questionId: 'zz', values: ['1'] },
          },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json<{ code: string; details: Array<{ field: string; message: string }> }>();
    expect(body.code).toBe('SURVEY_INVALID');
    expect(body.details.map((d) => d.field)).toEqual([
      'questions.0.domainCode',
      'questions.1.showIf',
    ]);
    expect(body.details[0]!.message).toContain('D99');

    const badWave = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${f.surveyId}/waves`,
      headers: f.supervisor.headers,
      payload: {
        code: '2025Q4',
        opensAt: '2025-10-01T00:00:00Z',
        closesAt: '2025-09-01T00:00:00Z',
      },
    });
    expect(badWave.statusCode).toBe(400);
    expect(badWave.json<{ message: string }>().message).toBe('结束时间须晚于开始时间');
  });

  it('gives a city its own links and QR codes, and no other city’s', async () => {
    const city = await t.login('city');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/links`,
      headers: { cookie: city.cookie },
    });
    const links = res.json<{ links: Array<{ placeCode: string; cityCode: string; url: string }> }>()
      .links;
    expect(links.length).toBeGreaterThan(1);
    expect(links.every((l) => l.cityCode === '441400')).toBe(true);
    expect(links.map((l) => l.placeCode)).toContain('441403');
    const svg = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/links/441403/qr`,
      headers: { cookie: city.cookie },
    });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    const png = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/links/441400/qr?format=png`,
      headers: { cookie: city.cookie },
    });
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/links/440100/qr`,
      headers: { cookie: city.cookie },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('takes one response per respondent and wave, and the city’s index moves', async () => {
    const before = await index('wave=2025Q3');
    expect(before.cells).toEqual([]);

    const cookie = await openAsCitizen(t, f);
    expect(cookie).toMatch(/^minsheng_rt=/);
    const ok = await submit(t, f, cookie, {
      q1: 5,
      q2: 8,
      q3: 'yes',
      q4: '挂号难\u0000\u202E排队久',
      q5: ['jobs', 'health'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await submit(t, f, cookie, { q1: 1, q3: 'no' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string; message: string }>()).toMatchObject({
      code: 'ALREADY_ANSWERED',
    });

    const one = await index('wave=2025Q3');
    const d01 = one.cells.find((c) => c.placeCode === '441400' && c.domainCode === 'D01')!;
    expect(d01).toMatchObject({ n: 1, status: 'insufficient', label: '样本不足', index: null });

    const second = await openAsCitizen(t, f, '203.0.113.11');
    expect((await submit(t, f, second, { q1: 3, q3: 'no' }, '203.0.113.11')).statusCode).toBe(201);
    const two = await index('wave=2025Q3');
    const cell = (d: string) =>
      two.cells.find((c) => c.placeCode === '441400' && c.domainCode === d)!;
    // q1: 5 → 100, 3 → 50: mean 75; sd 35.36, half-width 1.96·35.36/√2 = 49.0.
    expect(cell('D01')).toMatchObject({ n: 2, status: 'ok', index: 75, ciLow: 26, ciHigh: 100 });
    expect(cell('D03')).toMatchObject({ n: 1, status: 'insufficient' });
    // Overall: response 1 = (100·1 + 80·2)/3 = 86.67, response 2 = 50.
    expect(cell('ALL').index).toBeCloseTo(68.3, 1);
  });

  it('refuses answers out of range, missing required answers and forged links, in Chinese', async () => {
    const cookie = await openAsCitizen(t, f, '203.0.113.12');
    const out = await submit(t, f, cookie, { q1: 6, q2: 11, q3: 'maybe' }, '203.0.113.12');
    expect(out.statusCode).toBe(400);
    const body = out.json<{
      code: string;
      message: string;
      details: Array<{ field: string; message: string }>;
    }>();
    expect(body.code).toBe('ANSWERS_INVALID');
    expect(body.details.map((d) => d.field)).toEqual(['q1', 'q2', 'q3']);
    expect(body.details[0]!.message).toContain('1–5');
    const missing = await submit(t, f, cookie, { q2: 5 }, '203.0.113.12');
    expect(missing.json<{ message: string }>().message).toContain('必答题');
    const forged = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${f.surveyId}/responses`,
      headers: { cookie },
      remoteAddress: '203.0.113.12',
      payload: { waveId: f.waveId, p: '440100', k: f.link.k, answers: { q1: 5, q3: 'no' } },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json<{ code: string }>().code).toBe('LINK_INVALID');
    const noCookie = await submit(t, f, '', { q1: 5, q3: 'no' }, '203.0.113.12');
    expect(noCookie.json<{ code: string }>().code).toBe('RESPONDENT_MISSING');
  });

  it('refuses a 10 MB body and a response to a closed wave; the wave’s responses stay', async () => {
    const cookie = await openAsCitizen(t, f, '203.0.113.13');
    const huge = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${f.surveyId}/responses`,
      headers: { cookie, 'content-type': 'application/json' },
      remoteAddress: '203.0.113.13',
      payload: JSON.stringify({
        waveId: f.waveId,
        p: f.link.p,
        k: f.link.k,
        answers: { q4: 'x'.repeat(10 * 1024 * 1024) },
      }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<{ message: string }>().message).toContain('请求体过大');

    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${f.surveyId}/waves`,
      headers: f.supervisor.headers,
      payload: {
        code: '2025Q2',
        opensAt: '2025-04-01T00:00:00+08:00',
        closesAt: '2025-07-01T00:00:00+08:00',
      },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${f.surveyId}/responses`,
      headers: { cookie },
      remoteAddress: '203.0.113.13',
      payload: {
        waveId: closed.json<{ id: number }>().id,
        p: f.link.p,
        k: f.link.k,
        answers: { q1: 5, q3: 'no' },
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string; message: string }>()).toMatchObject({ code: 'WAVE_CLOSED' });
    expect(res.json<{ message: string }>().message).toContain('2025-07-01 00:00');
    const d01 = (await index('wave=2025Q3')).cells.find(
      (c) => c.placeCode === '441400' && c.domainCode === 'D01',
    );
    expect(d01?.n).toBe(2);
  });

  it('keeps each role to its scope: a county sees its county, not the city', async () => {
    const countyF = { ...f, link: await linkFor('441403') };
    const cookie = await openAsCitizen(t, countyF, '203.0.113.14');
    expect((await submit(t, countyF, cookie, { q1: 4, q3: 'no' }, '203.0.113.14')).statusCode).toBe(
      201,
    );
    const byCounty = await index('wave=2025Q3&level=county', 'county');
    expect(byCounty.cells.map((c) => c.placeCode)).toEqual(['441403', '441403']);
    const asCountyCityLevel = await index('wave=2025Q3', 'county');
    expect(asCountyCityLevel.cells).toEqual([]);
    const province = await index('wave=2025Q3&level=province');
    expect(province.cells.find((c) => c.domainCode === 'D01')).toMatchObject({
      placeCode: '440000',
      n: 3,
    });
  });

  it('uses single-use panel links once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${f.surveyId}/panel-links`,
      headers: f.supervisor.headers,
      payload: { waveId: f.waveId, placeCode: '441400', count: 2 },
    });
    expect(res.statusCode).toBe(201);
    const url = new URL(res.json<{ urls: string[] }>().urls[0]!);
    const payload = {
      waveId: f.waveId,
      p: '441400',
      k: url.searchParams.get('k')!,
      t: url.searchParams.get('t')!,
      answers: { q1: 2, q3: 'no' },
    };
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/public/surveys/${f.surveyId}/responses`,
        remoteAddress: '203.0.113.15',
        payload,
      });
    expect((await post()).statusCode).toBe(201);
    const reused = await post();
    expect(reused.statusCode).toBe(409);
    expect(reused.json<{ code: string }>().code).toBe('PANEL_LINK_USED');
  });

  it('exports responses formula-safe as csv and xlsx, and the index as xlsx', async () => {
    const cookie = await openAsCitizen(t, f, '203.0.113.16');
    expect(
      (
        await submit(
          t,
          f,
          cookie,
          { q1: 1, q3: 'yes', q4: '=HYPERLINK("http://x")' },
          '203.0.113.16',
        )
      ).statusCode,
    ).toBe(201);
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/responses/export?wave=2025Q3&format=csv`,
      headers: { cookie: f.supervisor.cookie },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.body).toContain('挂号难排队久');
    expect(csv.body).toContain('就业；医疗');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/responses/export?wave=2025Q3&format=xlsx`,
      headers: { cookie: f.supervisor.cookie },
    });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const city = await t.login('city');
    const cityCsv = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/responses/export?wave=2025Q3`,
      headers: { cookie: city.cookie },
    });
    expect(cityCsv.body.split('\n').filter(Boolean).length).toBeGreaterThan(1);
    const idx = await t.app.inject({
      method: 'GET',
      url: `/api/satisfaction/index/export?surveyId=${f.surveyId}`,
      headers: { cookie: f.supervisor.cookie },
    });
    expect(idx.statusCode).toBe(200);
    expect(idx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('fixes the questions once responses exist', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/surveys/${f.surveyId}`,
      headers: f.supervisor.headers,
      payload: {
        title: '改',
        questions: [{ id: 'z', type: 'text', text: '新题', required: false }],
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('SURVEY_HAS_RESPONSES');
  });

  async function linkFor(place: string) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${f.surveyId}/links`,
      headers: { cookie: f.supervisor.cookie },
    });
    const row = res
      .json<{ links: Array<{ placeCode: string; url: string }> }>()
      .links.find((l) => l.placeCode === place)!;
    const url = new URL(row.url);
    return { p: place, k: url.searchParams.get('k')!, url: row.url };
  }
});
