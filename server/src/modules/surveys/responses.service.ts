// The public survey: what a link shows, and taking one response per respondent per wave.
// A response and its aggregate rows commit in one transaction, so the index is always exact.
import type { Kysely } from 'kysely';
import { AppError, badRequest, conflict, notFound } from '../../common/errors';
import type { DB, OrgUnitTable } from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { checkAnswers } from '../../../../core/satisfaction/answers';
import { responseScores } from '../../../../core/satisfaction/satisfaction-index';
import { panelTokenHash, type SurveySigner } from './respondent';
import type { DefinitionCache } from './definition-cache';
import type { ResponseInput } from './surveys.schema';
import * as repo from './surveys.repository';

export interface Place {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  countyCode: string | null;
}

/** Rows each place's aggregates are spread over (see migration 0004). */
const AGGREGATE_SHARDS = 8;

const linkInvalid = () =>
  badRequest('LINK_INVALID', '问卷链接无效或不完整，请重新扫描二维码或向发布单位索取链接');

export function resolvePlace(
  orgs: OrgDirectory,
  signer: SurveySigner,
  surveyId: number,
  code: string,
  key: string,
): Place {
  const unit: OrgUnitTable | undefined = orgs.get(code);
  if (!unit || (unit.level !== 'city' && unit.level !== 'county')) throw linkInvalid();
  if (!signer.linkValid(surveyId, code, key)) throw linkInvalid();
  const city = unit.level === 'city' ? unit : orgs.get(unit.parent_code ?? '');
  if (!city) throw linkInvalid();
  return {
    code: unit.code,
    name: unit.name,
    cityCode: city.code,
    cityName: city.name,
    countyCode: unit.level === 'county' ? unit.code : null,
  };
}

const noOpenWave = () =>
  new AppError(409, 'WAVE_CLOSED', '本问卷当前没有进行中的调查轮次，感谢您的关注');

export async function publicSurvey(db: Kysely<DB>, surveyId: number, now = new Date()) {
  const survey = await repo.findSurvey(db, surveyId);
  if (!survey) throw notFound('SURVEY_NOT_FOUND', '问卷不存在或已下线');
  const wave = await repo.findOpenWave(db, surveyId, now.toISOString());
  if (!wave) throw noOpenWave();
  return { survey, wave };
}

export interface SubmitContext {
  db: Kysely<DB>;
  orgs: OrgDirectory;
  signer: SurveySigner;
  definitions: DefinitionCache;
  respondentId: string | null;
  /** Runs first inside the response's transaction (the shared rate-limit count). */
  admit?: (trx: Kysely<DB>) => Promise<void>;
  now?: Date;
}

export async function submitResponse(
  c: SubmitContext,
  surveyId: number,
  input: ResponseInput,
): Promise<void> {
  const now = c.now ?? new Date();
  const place = resolvePlace(c.orgs, c.signer, surveyId, input.p, input.k);
  const survey = await c.definitions.survey(c.db, surveyId);
  if (!survey) throw notFound('SURVEY_NOT_FOUND', '问卷不存在或已下线');
  const wave = await c.definitions.wave(c.db, input.waveId);
  if (!wave || wave.survey_id !== surveyId) throw notFound('WAVE_NOT_FOUND', '调查轮次不存在');
  const t = now.toISOString();
  if (t < new Date(wave.opens_at).toISOString())
    throw new AppError(409, 'WAVE_NOT_OPEN', `本轮调查（${wave.code}）尚未开始`);
  if (t >= new Date(wave.closes_at).toISOString())
    throw new AppError(
      409,
      'WAVE_CLOSED',
      `本轮调查（${wave.code}）已于 ${beijing(wave.closes_at)} 结束，不再接收答卷，感谢您的关注`,
    );

  const respondent = respondentKey(c, input, wave.id);
  const questions = survey.questions;
  const { answers, problems } = checkAnswers(questions, input.answers);
  if (problems.length)
    throw badRequest(
      'ANSWERS_INVALID',
      `答卷有 ${problems.length} 处需要修改：${problems[0]!.message}`,
      problems,
    );
  const scores = responseScores(questions, answers);
  const shard = Math.floor(Math.random() * AGGREGATE_SHARDS);

  const inserted = await c.db.transaction().execute(async (trx) => {
    await c.admit?.(trx);
    if (
      input.t &&
      !(await repo.consumePanelLink(trx, panelTokenHash(input.t), wave.id, place.code, t))
    )
      throw new AppError(409, 'PANEL_LINK_USED', '该专属链接已使用或无效，每个链接只能提交一次');
    const ok = await repo.insertResponse(trx, {
      wave_id: wave.id,
      city_code: place.cityCode,
      county_code: place.countyCode,
      respondent,
      answers: JSON.stringify(answers),
      submitted_at: t,
    });
    if (!ok) return false;
    await repo.addToAggregates(
      trx,
      [...scores].map(([domainCode, x]) => ({
        waveId: wave.id,
        cityCode: place.cityCode,
        countyCode: place.countyCode ?? '',
        domainCode,
        shard,
        n: 1,
        sum: x,
        sumSq: x * x,
      })),
    );
    return true;
  });
  if (!inserted)
    throw conflict('ALREADY_ANSWERED', '您已参加过本轮调查，每人每轮只能提交一次，感谢您的支持');
}

function respondentKey(c: SubmitContext, input: ResponseInput, waveId: number): string {
  if (input.t) return `panel:${panelTokenHash(input.t)}`;
  if (!c.respondentId)
    throw badRequest(
      'RESPONDENT_MISSING',
      '无法识别答卷人：请先打开问卷页面（需允许 Cookie）后再提交',
    );
  return c.signer.respondentKey(c.respondentId, waveId);
}

/** "2025-09-30 24:00"-style Beijing time for messages. */
export function beijing(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}
