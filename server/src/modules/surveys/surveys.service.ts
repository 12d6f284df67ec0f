// The survey builder: surveys with their questions, waves, public links with QR codes per city
// and county, and single-use panel links. Every change commits with its audit event.
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { badRequest, conflict, notFound } from '../../common/errors';
import type { Actor } from '../../common/policy';
import type { DB, SurveyTable, SurveyWaveTable } from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { recordAudit } from '../audit/audit.service';
import { checkQuestions, type Question } from '../../../../core/satisfaction/survey';
import { DEFAULT_MIN_N } from '../../../../core/satisfaction/satisfaction-index';
import { newPanelToken, panelTokenHash, type SurveySigner } from './respondent';
import type { SurveyInput, WaveInput } from './surveys.schema';
import * as repo from './surveys.repository';

export interface By {
  actor: Actor;
  ip: string;
}

export type WaveState = 'scheduled' | 'open' | 'closed';

export function waveState(
  wave: Pick<SurveyWaveTable, 'opens_at' | 'closes_at'>,
  now = new Date(),
): WaveState {
  const t = now.toISOString();
  if (t < new Date(wave.opens_at).toISOString()) return 'scheduled';
  if (t >= new Date(wave.closes_at).toISOString()) return 'closed';
  return 'open';
}

export const parseQuestions = (survey: Pick<SurveyTable, 'questions'>) =>
  JSON.parse(survey.questions) as Question[];

function checkSurvey(input: SurveyInput): void {
  const problems = checkQuestions(input.questions);
  if (problems.length)
    throw badRequest(
      'SURVEY_INVALID',
      `问卷有 ${problems.length} 处问题：${problems[0]!.message}`,
      problems,
    );
}

export async function createSurvey(db: Kysely<DB>, input: SurveyInput, by: By): Promise<number> {
  checkSurvey(input);
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertSurvey(trx, {
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      questions: JSON.stringify(input.questions),
      min_n: input.minN ?? DEFAULT_MIN_N,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, {
      action: 'survey.create',
      actor: by.actor,
      ip: by.ip,
      targetType: 'survey',
      targetId: id,
      details: { title: input.title, questions: input.questions.length },
    });
    return id;
  });
}

/**
 * Changes a survey. Once a wave has responses the questions are fixed (the aggregates were
 * scored with them); the title, description and minimum n may still change.
 */
export async function updateSurvey(
  db: Kysely<DB>,
  id: number,
  input: SurveyInput,
  by: By,
): Promise<void> {
  checkSurvey(input);
  const survey = await requireSurvey(db, id);
  const questions = JSON.stringify(input.questions);
  if (questions !== survey.questions && (await repo.hasResponses(db, id)))
    throw conflict('SURVEY_HAS_RESPONSES', '该问卷已有答卷，题目不能再修改；如需调整请新建问卷');
  await db.transaction().execute(async (trx) => {
    await repo.updateSurvey(trx, id, {
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      questions,
      min_n: input.minN ?? survey.min_n,
      updated_at: new Date().toISOString(),
    });
    await recordAudit(trx, {
      action: 'survey.update',
      actor: by.actor,
      ip: by.ip,
      targetType: 'survey',
      targetId: id,
    });
  });
}

export async function requireSurvey(db: Kysely<DB>, id: number) {
  const survey = await repo.findSurvey(db, id);
  if (!survey) throw notFound('SURVEY_NOT_FOUND', `问卷不存在（编号 ${id}）`);
  return survey;
}

export async function listSurveysWithWaves(db: Kysely<DB>, onlyId?: number) {
  const surveys = onlyId ? [await requireSurvey(db, onlyId)] : await repo.listSurveys(db);
  const waves = await repo.listWaves(
    db,
    surveys.map((s) => s.id),
  );
  const counts = await repo.responseCounts(
    db,
    waves.map((w) => w.id),
  );
  return surveys.map((s) => ({
    id: s.id,
    title: s.title,
    description: s.description,
    questions: parseQuestions(s),
    minN: s.min_n,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    waves: waves
      .filter((w) => w.survey_id === s.id)
      .map((w) => ({
        id: w.id,
        code: w.code,
        opensAt: w.opens_at,
        closesAt: w.closes_at,
        responses: counts.get(w.id) ?? 0,
        state: waveState(w),
      })),
  }));
}

function checkWave(input: WaveInput): { opensAt: string; closesAt: string } {
  if (!/^\d{4}(Q[1-4]|-\d{2}|H[12])?$/.test(input.code))
    throw badRequest('WAVE_CODE_INVALID', '轮次编号须形如 2025、2025Q3、2025H2 或 2025-07', [
      { field: 'code', message: '格式不正确' },
    ]);
  const opensAt = new Date(input.opensAt).toISOString();
  const closesAt = new Date(input.closesAt).toISOString();
  if (closesAt <= opensAt)
    throw badRequest('WAVE_DATES_INVALID', '结束时间须晚于开始时间', [
      { field: 'closesAt', message: '须晚于开始时间' },
    ]);
  return { opensAt, closesAt };
}

export async function createWave(
  db: Kysely<DB>,
  surveyId: number,
  input: WaveInput,
  by: By,
): Promise<number> {
  await requireSurvey(db, surveyId);
  const { opensAt, closesAt } = checkWave(input);
  if (await repo.findWaveByCode(db, surveyId, input.code))
    throw conflict('WAVE_EXISTS', `轮次“${input.code}”已存在`);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertWave(trx, {
      survey_id: surveyId,
      code: input.code,
      opens_at: opensAt,
      closes_at: closesAt,
      created_at: new Date().toISOString(),
    });
    await recordAudit(trx, {
      action: 'survey.wave.create',
      actor: by.actor,
      ip: by.ip,
      targetType: 'survey_wave',
      targetId: id,
      details: { surveyId, code: input.code, opensAt, closesAt },
    });
    return id;
  });
}

/** Moves a wave's dates (e.g. closing it early); the code stays. */
export async function updateWave(
  db: Kysely<DB>,
  surveyId: number,
  waveId: number,
  input: WaveInput,
  by: By,
): Promise<void> {
  const wave = await repo.findWave(db, waveId);
  if (!wave || wave.survey_id !== surveyId) throw notFound('WAVE_NOT_FOUND', '调查轮次不存在');
  if (input.code !== wave.code)
    throw badRequest('WAVE_CODE_FIXED', '轮次编号创建后不能修改', [
      { field: 'code', message: '不能修改' },
    ]);
  const { opensAt, closesAt } = checkWave(input);
  await db.transaction().execute(async (trx) => {
    await repo.updateWaveDates(trx, waveId, opensAt, closesAt);
    await recordAudit(trx, {
      action: 'survey.wave.update',
      actor: by.actor,
      ip: by.ip,
      targetType: 'survey_wave',
      targetId: waveId,
      details: { opensAt, closesAt },
    });
  });
}

/** Public links: one per city and one per county, each signed so a place cannot be forged. */
export function placeLinks(
  orgs: OrgDirectory,
  signer: SurveySigner,
  surveyId: number,
  baseUrl: string,
  visible: (code: string) => boolean,
) {
  const units = orgs
    .all()
    .filter((u) => (u.level === 'city' || u.level === 'county') && visible(u.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  return units.map((u) => ({
    placeCode: u.code,
    placeName: u.name,
    level: u.level,
    cityCode: u.level === 'city' ? u.code : (u.parent_code ?? u.code),
    url: linkUrl(baseUrl, surveyId, u.code, signer.linkKey(surveyId, u.code)),
  }));
}

export function linkUrl(baseUrl: string, surveyId: number, place: string, key: string, t?: string) {
  const url = new URL('/survey.html', baseUrl);
  url.searchParams.set('s', String(surveyId));
  url.searchParams.set('p', place);
  url.searchParams.set('k', key);
  if (t) url.searchParams.set('t', t);
  return url.toString();
}

export async function qrCode(url: string, format: 'svg' | 'png'): Promise<string | Buffer> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
  return format === 'svg'
    ? QRCode.toString(url, { ...options, type: 'svg' })
    : QRCode.toBuffer(url, { ...options, type: 'png', width: 512 });
}

/** Creates `count` single-use links for a panel; the tokens are shown once, stored hashed. */
export async function createPanelLinks(
  db: Kysely<DB>,
  signer: SurveySigner,
  baseUrl: string,
  input: { surveyId: number; waveId: number; placeCode: string; count: number },
  orgs: OrgDirectory,
  by: By,
): Promise<string[]> {
  const wave = await repo.findWave(db, input.waveId);
  if (!wave || wave.survey_id !== input.surveyId)
    throw notFound('WAVE_NOT_FOUND', '调查轮次不存在');
  const unit = orgs.get(input.placeCode);
  if (!unit || (unit.level !== 'city' && unit.level !== 'county'))
    throw badRequest('PLACE_UNKNOWN', `未知的地市或县区代码：${input.placeCode}`, [
      { field: 'placeCode', message: '未知代码' },
    ]);
  const tokens = Array.from({ length: input.count }, newPanelToken);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await repo.insertPanelLinks(
      trx,
      tokens.map((t) => ({
        token_hash: panelTokenHash(t),
        wave_id: input.waveId,
        place_code: input.placeCode,
        created_at: now,
      })),
    );
    await recordAudit(trx, {
      action: 'survey.panel.create',
      actor: by.actor,
      ip: by.ip,
      targetType: 'survey_wave',
      targetId: input.waveId,
      unitCode: input.placeCode,
      details: { count: input.count },
    });
  });
  const key = signer.linkKey(input.surveyId, input.placeCode);
  return tokens.map((t) => linkUrl(baseUrl, input.surveyId, input.placeCode, key, t));
}
