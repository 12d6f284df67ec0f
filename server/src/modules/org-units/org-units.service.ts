// The org-unit tree: loading it from its real sources, and answering scope questions
// (which units a city user covers) from an in-memory copy, since units change rarely.
import type { Kysely } from 'kysely';
import type { DB, OrgUnitTable } from '../../db/schema';
import type { PlanUnit } from '../../../../core/plan/schema';
import { guangdongUnits, PROVINCE_CODE } from './administrative-units';
import * as repo from './org-units.repository';

export class OrgDirectory {
  private constructor(
    private readonly byCode: Map<string, OrgUnitTable>,
    private readonly childrenOf: Map<string, string[]>,
  ) {}

  static async load(db: Kysely<DB>): Promise<OrgDirectory> {
    return OrgDirectory.from(await repo.listUnits(db));
  }

  static from(units: OrgUnitTable[]): OrgDirectory {
    const byCode = new Map(units.map((u) => [u.code, u]));
    const childrenOf = new Map<string, string[]>();
    for (const u of units) {
      if (!u.parent_code) continue;
      childrenOf.set(u.parent_code, [...(childrenOf.get(u.parent_code) ?? []), u.code]);
    }
    return new OrgDirectory(byCode, childrenOf);
  }

  get(code: string): OrgUnitTable | undefined {
    return this.byCode.get(code);
  }

  all(): OrgUnitTable[] {
    return [...this.byCode.values()];
  }

  /** The unit and every unit below it. */
  subtree(code: string): Set<string> {
    const result = new Set<string>();
    const stack = [code];
    while (stack.length) {
      const next = stack.pop()!;
      if (result.has(next)) continue;
      result.add(next);
      stack.push(...(this.childrenOf.get(next) ?? []));
    }
    return result;
  }
}

/** Loads the administrative units into an empty database; a no-op once they are there. */
export async function ensureAdministrativeUnits(db: Kysely<DB>): Promise<void> {
  const any = await db.selectFrom('org_units').select('code').limit(1).executeTakeFirst();
  if (!any) await loadAdministrativeUnits(db);
}

export async function loadAdministrativeUnits(db: Kysely<DB>): Promise<number> {
  const units = guangdongUnits();
  await repo.upsertUnits(db, units);
  return units.length;
}

/** Departments named by a plan become units too, under the province. */
export async function upsertDepartments(db: Kysely<DB>, units: PlanUnit[]): Promise<void> {
  await repo.upsertUnits(
    db,
    units.map((u, i) => ({
      code: u.code,
      name: u.name,
      level: 'department' as const,
      parent_code: PROVINCE_CODE,
      region: null,
      sort_order: i + 1,
    })),
  );
}

export { findUnit, listUnits } from './org-units.repository';
