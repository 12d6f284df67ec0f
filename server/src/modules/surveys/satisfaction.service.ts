// The satisfaction index per domain × place × wave, read from the running aggregates (so it
// costs the same over a thousand or ten million responses), filtered to the actor's scope.
import type { Kysely } from 'kysely';
import { badRequest, notFound } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import type { DB } from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { PROVINCE_CODE } from '../org-units/administrative-units';
import {
  addMoments,
  indexFromMoments,
  type Moments,
} from '../../../../core/satisfaction/satisfaction-index';
import { requireSurvey } from './surveys.service';
import type { IndexQueryInput } from './surveys.schema';
import * as repo from './surveys.repository';

export type IndexLevel = 'province' | 'city' | 'county';

export interface IndexCell {
  waveCode: string;
  placeCode: string;
  placeName: string;
  domainCode: string;
  n: number;
  status: 'ok' | 'insufficient';
  index: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  label: string;
}

export async function indexTable(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  query: IndexQueryInput,
): Promise<{ minN: number; waves: string[]; cells: IndexCell[] }> {
  const survey = await requireSurvey(db, query.surveyId);
  const waves = await repo.listWaves(db, [survey.id]);
  const chosen = query.wave ? waves.filter((w) => w.code === query.wave) : waves;
  if (query.wave && chosen.length === 0)
    throw notFound('WAVE_NOT_FOUND', `问卷没有“${query.wave}”轮次`);
  const level = query.level ?? 'city';
  if (level === 'province' && actor.unitScope !== 'all')
    throw badRequest('LEVEL_NOT_ALLOWED', '全省汇总仅对省级用户开放', [
      { field: 'level', message: '超出权限范围' },
    ]);
  const rows = await repo.aggregateMoments(db, {
    waveIds: chosen.map((w) => w.id),
    level: level === 'county' ? 'county' : 'city',
    city: query.city,
    domain: query.domain,
  });
  const codeOf = new Map(chosen.map((w) => [w.id, w.code]));
  const moments = new Map<string, { wave: string; place: string; domain: string; m: Moments }>();
  for (const r of rows) {
    const place = level === 'province' ? PROVINCE_CODE : r.place_code;
    const visible = can(actor, 'data.read', {
      unitCode: place,
      domainCode: domainOf(r.domain_code),
    });
    if (!visible) continue;
    const key = `${r.wave_id}|${place}|${r.domain_code}`;
    const m = { n: Number(r.n), sum: Number(r.sum), sumSq: Number(r.sum_sq) };
    const prev = moments.get(key);
    moments.set(key, {
      wave: codeOf.get(r.wave_id)!,
      place,
      domain: r.domain_code,
      m: prev ? addMoments(prev.m, m) : m,
    });
  }
  const cells = [...moments.values()].map(({ wave, place, domain, m }) => {
    const v = indexFromMoments(m, survey.min_n);
    return {
      waveCode: wave,
      placeCode: place,
      placeName: orgs.get(place)?.name ?? place,
      domainCode: domain,
      n: v.n,
      status: v.status,
      index: v.status === 'ok' ? v.index : null,
      ciLow: v.status === 'ok' ? v.ciLow : null,
      ciHigh: v.status === 'ok' ? v.ciHigh : null,
      label: v.status === 'ok' ? `${v.index}（${v.ciLow}–${v.ciHigh}）` : v.label,
    };
  });
  const order = new Map(chosen.map((w, i) => [w.code, i]));
  cells.sort(
    (a, b) =>
      order.get(a.waveCode)! - order.get(b.waveCode)! ||
      a.placeCode.localeCompare(b.placeCode) ||
      a.domainCode.localeCompare(b.domainCode),
  );
  return { minN: survey.min_n, waves: chosen.map((w) => w.code), cells };
}

/** The overall pseudo-domain is visible to everyone who sees the place. */
const domainOf = (code: string) => (code === 'ALL' ? null : code);
