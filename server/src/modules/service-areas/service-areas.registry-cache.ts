// The registry as the calculations need it, read once per registry version and kept per
// process. Every read first asks the database for the version (one indexed aggregate), so
// several processes never serve a stale copy; a write anywhere simply makes the next read
// reload. Keeps compliance, gap plan and the computed measures fast on large registries.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { stateAt } from '../../../../core/charging';
import * as repo from './service-areas.repository';
import type { ComplianceRow } from './service-areas.repository';

type HistoryEntry = Awaited<ReturnType<typeof repo.listHistory>>[number] & {
  areaId: number;
  validFrom: string;
  seq: number;
};

interface Cached {
  version: string;
  current?: ComplianceRow[];
  history?: HistoryEntry[];
}

const caches = new WeakMap<Kysely<DB>, Cached>();

async function entryFor(db: Kysely<DB>): Promise<Cached> {
  // Version first, rows second: a write in between makes the copy newer, never staler.
  const version = await repo.registryVersion(db);
  const cached = caches.get(db);
  if (cached?.version === version) return cached;
  const fresh: Cached = { version };
  caches.set(db, fresh);
  return fresh;
}

/** Today's registry (live areas). */
export async function currentRows(db: Kysely<DB>): Promise<ComplianceRow[]> {
  const entry = await entryFor(db);
  entry.current ??= await repo.listComplianceRows(db);
  return entry.current;
}

/** The registry as it stood at `at` (YYYY-MM-DD), rebuilt from the history. */
export async function rowsAt(db: Kysely<DB>, at: string): Promise<ComplianceRow[]> {
  const entry = await entryFor(db);
  entry.history ??= (await repo.listHistory(db)).map((h) => ({
    ...h,
    areaId: h.area_id,
    validFrom: h.valid_from,
    seq: h.id,
  }));
  return stateAt(entry.history, at).map((e) => ({ ...e, id: e.area_id }));
}
