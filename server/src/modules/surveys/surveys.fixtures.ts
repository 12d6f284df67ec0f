// Test fixtures: a small survey with every question type and skip logic, an open wave, and a
// city's signed public link — through the real API.
import type { TestApp, SignedIn } from '../../testing/app';

export const sampleQuestions = [
  {
    id: 'q1',
    type: 'likert',
    scale: '1-5',
    domainCode: 'D01',
    text: '您对本地就业服务是否满意？',
    required: true,
  },
  {
    id: 'q2',
    type: 'likert',
    scale: '0-10',
    domainCode: 'D03',
    text: '您对本地医疗服务打几分？',
    required: false,
    weight: 2,
  },
  {
    id: 'q3',
    type: 'single',
    text: '过去一年是否就医？',
    required: true,
    options: [
      { value: 'yes', label: '是' },
      { value: 'no', label: '否' },
    ],
  },
  {
    id: 'q4',
    type: 'text',
    text: '就医时遇到的问题',
    required: false,
    showIf: { questionId: 'q3', values: ['yes'] },
  },
  {
    id: 'q5',
    type: 'multiple',
    text: '您关心哪些方面？',
    required: false,
    options: [
      { value: 'jobs', label: '就业' },
      { value: 'health', label: '医疗' },
      { value: 'housing', label: '住房' },
    ],
  },
] as const;

export interface SurveyFixture {
  surveyId: number;
  waveId: number;
  link: { p: string; k: string; url: string };
  supervisor: SignedIn;
}

export async function createOpenSurvey(
  t: TestApp,
  opts: { minN?: number; placeCode?: string; waveCode?: string } = {},
): Promise<SurveyFixture> {
  const supervisor = await t.login('supervisor');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: supervisor.headers,
    payload: { title: '2025年民生满意度调查', questions: sampleQuestions, minN: opts.minN ?? 2 },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const surveyId = created.json<{ id: number }>().id;
  const wave = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${surveyId}/waves`,
    headers: supervisor.headers,
    payload: {
      code: opts.waveCode ?? '2025Q3',
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
    },
  });
  if (wave.statusCode !== 201) throw new Error(wave.body);
  const links = await t.app.inject({
    method: 'GET',
    url: `/api/surveys/${surveyId}/links`,
    headers: supervisor.headers,
  });
  const place = opts.placeCode ?? '441400';
  const row = links
    .json<{ links: Array<{ placeCode: string; url: string }> }>()
    .links.find((l) => l.placeCode === place)!;
  const url = new URL(row.url);
  return {
    surveyId,
    waveId: wave.json<{ id: number }>().id,
    link: { p: url.searchParams.get('p')!, k: url.searchParams.get('k')!, url: row.url },
    supervisor,
  };
}

/** Opens the public survey like a browser would and returns the respondent cookie. */
export async function openAsCitizen(
  t: TestApp,
  f: SurveyFixture,
  remoteAddress = '203.0.113.10',
): Promise<string> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/public/surveys/${f.surveyId}?p=${f.link.p}&k=${f.link.k}`,
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

export async function submit(
  t: TestApp,
  f: SurveyFixture,
  cookie: string,
  answers: Record<string, unknown>,
  remoteAddress = '203.0.113.10',
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${f.surveyId}/responses`,
    headers: { cookie },
    remoteAddress,
    payload: { waveId: f.waveId, p: f.link.p, k: f.link.k, answers },
  });
}
