// Queries of the surveys module: surveys, waves, responses, aggregates, panel links.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, SurveyResponseTable, SurveyTable, SurveyWaveTable } from '../../db/schema';

export async function insertSurvey(db: Kysely<DB>, row: Insertable<SurveyTable>) {
  const r = await db.insertInto('surveys').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSurvey(
  db: Kysely<DB>,
  id: number,
  row: Pick<SurveyTable, 'title' | 'description' | 'questions' | 'min_n' | 'updated_at'>,
) {
  await db.updateTable('surveys').set(row).where('id', '=', id).execute();
}

export const findSurvey = (db: Kysely<DB>, id: number) =>
  db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();

export const listSurveys = (db: Kysely<DB>) =>
  db.selectFrom('surveys').selectAll().orderBy('id', 'desc').execute();

export const listWaves = (db: Kysely<DB>, surveyIds: number[]) =>
  surveyIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('survey_waves')
        .selectAll()
        .where('survey_id', 'in', surveyIds)
        .orderBy('opens_at')
        .execute();

export async function responseCounts(db: Kysely<DB>, waveIds: number[]) {
  if (waveIds.length === 0) return new Map<number, number>();
  const rows = await db
    .selectFrom('survey_responses')
    .select(['wave_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('wave_id', 'in', waveIds)
    .groupBy('wave_id')
    .execute();
  return new Map(rows.map((r) => [r.wave_id, Number(r.n)]));
}

export const findWave = (db: Kysely<DB>, id: number) =>
  db.selectFrom('survey_waves').selectAll().where('id', '=', id).executeTakeFirst();

export const findWaveByCode = (db: Kysely<DB>, surveyId: number, code: string) =>
  db
    .selectFrom('survey_waves')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('code', '=', code)
    .executeTakeFirst();

/** The wave of a survey open at `now` (the latest-opened one if several overlap). */
export const findOpenWave = (db: Kysely<DB>, surveyId: number, now: string) =>
  db
    .selectFrom('survey_waves')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('opens_at', '<=', now)
    .where('closes_at', '>', now)
    .orderBy('opens_at', 'desc')
    .executeTakeFirst();

export async function insertWave(db: Kysely<DB>, row: Insertable<SurveyWaveTable>) {
  const r = await db
    .insertInto('survey_waves')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateWaveDates(
  db: Kysely<DB>,
  id: number,
  opensAt: string,
  closesAt: string,
) {
  await db
    .updateTable('survey_waves')
    .set({ opens_at: opensAt, closes_at: closesAt })
    .where('id', '=', id)
    .execute();
}

export async function hasResponses(db: Kysely<DB>, surveyId: number): Promise<boolean> {
  const row = await db
    .selectFrom('survey_responses')
    .innerJoin('survey_waves', 'survey_waves.id', 'survey_responses.wave_id')
    .select('survey_responses.id')
    .where('survey_waves.survey_id', '=', surveyId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Inserts a response; false when this respondent already answered the wave. */
export async function insertResponse(
  db: Kysely<DB>,
  row: Insertable<SurveyResponseTable>,
): Promise<boolean> {
  const r = await db
    .insertInto('survey_responses')
    .values(row)
    .onConflict((oc) => oc.columns(['wave_id', 'respondent']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export interface AggregateDelta {
  waveId: number;
  cityCode: string;
  countyCode: string;
  domainCode: string;
  shard: number;
  n: number;
  sum: number;
  sumSq: number;
}

export async function addToAggregates(db: Kysely<DB>, deltas: AggregateDelta[]) {
  if (deltas.length === 0) return;
  await db
    .insertInto('survey_aggregates')
    .values(
      deltas.map((d) => ({
        wave_id: d.waveId,
        city_code: d.cityCode,
        county_code: d.countyCode,
        domain_code: d.domainCode,
        shard: d.shard,
        n: d.n,
        sum: d.sum,
        sum_sq: d.sumSq,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['wave_id', 'city_code', 'county_code', 'domain_code', 'shard']).doUpdateSet({
        n: sql`survey_aggregates.n + excluded.n`,
        sum: sql`survey_aggregates.sum + excluded.sum`,
        sum_sq: sql`survey_aggregates.sum_sq + excluded.sum_sq`,
      }),
    )
    .execute();
}

/** Moments per wave × (city or county) × domain, summed over the finer rows. */
export async function aggregateMoments(
  db: Kysely<DB>,
  filter: { waveIds: number[]; level: 'city' | 'county'; city?: string; domain?: string },
) {
  if (filter.waveIds.length === 0) return [];
  const place = filter.level === 'city' ? 'city_code' : 'county_code';
  let q = db
    .selectFrom('survey_aggregates')
    .select([
      'wave_id',
      `${place} as place_code`,
      'domain_code',
      (eb) => eb.fn.sum<number>('n').as('n'),
      (eb) => eb.fn.sum<number>('sum').as('sum'),
      (eb) => eb.fn.sum<number>('sum_sq').as('sum_sq'),
    ])
    .where('wave_id', 'in', filter.waveIds)
    .groupBy(['wave_id', place, 'domain_code']);
  if (filter.city) q = q.where('city_code', '=', filter.city);
  if (filter.domain) q = q.where('domain_code', '=', filter.domain);
  if (filter.level === 'county') q = q.where('county_code', '<>', '');
  return q.execute();
}

export async function insertPanelLinks(
  db: Kysely<DB>,
  rows: Array<{ token_hash: string; wave_id: number; place_code: string; created_at: string }>,
) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('survey_panel_links')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, used_at: null })))
      .execute();
}

/** Marks a single-use link used; false when unknown, used, or for another wave or place. */
export async function consumePanelLink(
  db: Kysely<DB>,
  tokenHash: string,
  waveId: number,
  placeCode: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('survey_panel_links')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('wave_id', '=', waveId)
    .where('place_code', '=', placeCode)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const findPanelLink = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom('survey_panel_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();

/** Responses of a wave in id order, in pages (exports stream them). */
export const responsePage = (db: Kysely<DB>, waveId: number, afterId: number, limit: number) =>
  db
    .selectFrom('survey_responses')
    .select(['id', 'city_code', 'county_code', 'answers', 'submitted_at'])
    .where('wave_id', '=', waveId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
