// Surveys and waves as the public path reads them, cached per process for a few seconds: every
// response needs its survey's questions and its wave's dates, which change rarely. A change of
// dates (closing a wave early) reaches other processes within `ttlMs`.
import type { Kysely, Selectable } from 'kysely';
import type { DB, SurveyTable, SurveyWaveTable } from '../../db/schema';
import type { Question } from '../../../../core/satisfaction/survey';
import * as repo from './surveys.repository';

interface Entry<T> {
  at: number;
  value: T;
}

export class DefinitionCache {
  private readonly surveys = new Map<
    number,
    Entry<{ row: Selectable<SurveyTable>; questions: Question[] } | null>
  >();
  private readonly waves = new Map<number, Entry<Selectable<SurveyWaveTable> | null>>();
  constructor(private readonly ttlMs = 5000) {}

  async survey(db: Kysely<DB>, id: number) {
    return this.cached(this.surveys, id, async () => {
      const row = await repo.findSurvey(db, id);
      return row ? { row, questions: JSON.parse(row.questions) as Question[] } : null;
    });
  }

  async wave(db: Kysely<DB>, id: number) {
    return this.cached(this.waves, id, async () => (await repo.findWave(db, id)) ?? null);
  }

  private async cached<T>(map: Map<number, Entry<T>>, id: number, load: () => Promise<T>) {
    const hit = map.get(id);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    if (map.size > 1000) map.clear();
    map.set(id, { at: Date.now(), value });
    return value;
  }
}
