import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { indexTable } from '../surveys/satisfaction.service';
import { checkQuestions } from '../../../../core/satisfaction/survey';
import { seedScale, type ScaleOptions } from './scale.service';
import {
  SCALE_QUESTIONS,
  SCALE_SURVEY_TITLE,
  scaleMonths,
  scalePlaces,
  scaleResponses,
  scaleTickets,
  scaleValues,
  scaleWaves,
} from './scale-data';

vi.setConfig({ testTimeout: 120_000 });

const NOW = new Date('2026-11-15T00:00:00Z');
const SMALL = { years: 1, responses: 3_000, tickets: 2_000 };

describe.each(testDialects())('seed-demo --scale full (small) on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const run = async (seed: number, extra: Partial<ScaleOptions> = {}) => {
    const current = (await t.ctx.plans.current())!;
    return seedScale(t.database, current.plan, t.ctx.orgs, {
      seed,
      label: 'test',
      now: NOW,
      ...SMALL,
      ...extra,
    });
  };

  /** A digest of every generated row (ids and write times left out: they are not data). */
  const digest = async () => {
    const hash = createHash('sha256');
    const add = (rows: unknown[]) => hash.update(JSON.stringify(rows));
    add(
      (
        await sql`select element_code, unit_code, period, value, status from data_values
        order by element_code, unit_code, period`.execute(t.ctx.db)
      ).rows,
    );
    add(
      (
        await sql`select w.code, r.city_code, r.county_code, r.respondent, r.answers, r.submitted_at
        from survey_responses r join survey_waves w on w.id = r.wave_id order by r.respondent`.execute(
          t.ctx.db,
        )
      ).rows,
    );
    add(
      (
        await sql`select ticket_id, received_at, due_at, closed_at, month, category, consumer,
        city_code, county_code, status, on_time from hotline_tickets order by ticket_id`.execute(
          t.ctx.db,
        )
      ).rows,
    );
    return hash.digest('hex');
  };

  const countOf = async (table: 'data_values' | 'survey_responses' | 'hotline_tickets') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads every element monthly in every county-level unit, the responses and the tickets', async () => {
    const progress: string[] = [];
    const result = await run(5, { onProgress: (phase) => progress.push(phase) });
    const plan = (await t.ctx.plans.current())!.plan;
    const countyLevel = t.ctx.orgs
      .all()
      .filter(
        (u) =>
          u.level === 'county' ||
          (u.level === 'city' && !t.ctx.orgs.all().some((c) => c.parent_code === u.code)),
      ).length;
    expect(result.values).toBe(plan.dataElements.length * countyLevel * 12);
    expect(await countOf('data_values')).toBe(result.values);
    expect(await countOf('survey_responses')).toBe(SMALL.responses);
    expect(await countOf('hotline_tickets')).toBe(SMALL.tickets);
    expect(new Set(progress)).toEqual(new Set(['demo', 'values', 'responses', 'tickets']));
    // Every month of the plan's first year, every city reached through its counties.
    const periods = await t.ctx.db.selectFrom('data_values').select('period').distinct().execute();
    expect(periods.map((p) => p.period).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`),
    );
    // The aggregates are the responses' own: the index's n equals the stored responses.
    const survey = await t.ctx.db
      .selectFrom('surveys')
      .select('id')
      .where('title', '=', SCALE_SURVEY_TITLE)
      .executeTakeFirstOrThrow();
    const wave = await t.ctx.db
      .selectFrom('survey_waves')
      .select(['id', 'code'])
      .where('survey_id', '=', survey.id)
      .where('code', '=', '2023Q2')
      .executeTakeFirstOrThrow();
    const stored = await t.ctx.db
      .selectFrom('survey_responses')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('wave_id', '=', wave.id)
      .executeTakeFirstOrThrow();
    const supervisor = {
      userId: 1,
      username: 'test',
      role: 'supervisor' as const,
      unitCode: null,
      unitScope: 'all' as const,
      domainScope: 'all' as const,
    };
    const index = await indexTable(t.ctx.db, t.ctx.orgs, supervisor, {
      surveyId: survey.id,
      wave: wave.code,
    });
    const d01 = index.cells.filter((c) => c.domainCode === 'D01');
    expect(d01.reduce((a, c) => a + c.n, 0)).toBe(Number(stored.n));
    // Tickets: closure near the ≥ 98% target, consumer complaints flagged.
    const late = await t.ctx.db
      .selectFrom('hotline_tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('on_time', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(late.n) / SMALL.tickets).toBeGreaterThan(0.005);
    expect(Number(late.n) / SMALL.tickets).toBeLessThan(0.1);
  });

  it('gives the same rows for the same seed', async () => {
    const volumeOnly = { moduleDemo: false };
    await run(11, volumeOnly);
    const first = await digest();
    await run(11, volumeOnly);
    expect(await digest()).toBe(first);
    // A rerun replaces the volume rather than adding to it.
    expect(await countOf('survey_responses')).toBe(SMALL.responses);
    expect(await countOf('hotline_tickets')).toBe(SMALL.tickets);
  });
});

describe('the scale generators', () => {
  it('give other rows for another seed', async () => {
    const { parsePlanYaml } = await import('../../../../core/plan');
    const fs = await import('node:fs');
    const { plan } = parsePlanYaml(fs.readFileSync('plans/guangdong-2023-2027.yaml', 'utf8'));
    const units = [
      { code: '441400', level: 'city' as const, weight: 0.03, performance: 0.9 },
      { code: '441403', level: 'county' as const, weight: 0.01, performance: 0.92 },
    ];
    const places = scalePlaces(units);
    const take = <T>(seed: number, make: (seed: number) => Iterable<T>) => [...make(seed)];
    const values = (seed: number) => scaleValues(plan!, units, seed, 1);
    const responses = (seed: number) => scaleResponses(seed, places, scaleWaves(plan!, 1), 500);
    const tickets = (seed: number) => scaleTickets(seed, places, scaleMonths(plan!, 1), 500);
    for (const make of [values, responses, tickets] as Array<(seed: number) => Iterable<unknown>>) {
      expect(take(1, make)).toEqual(take(1, make));
      expect(take(2, make)).not.toEqual(take(1, make));
    }
  });

  it('is a valid survey definition', () => {
    expect(checkQuestions(SCALE_QUESTIONS)).toEqual([]);
  });
});
