// The forms in force with their elements and rules, loaded in one go (a few hundred rows), and
// which units report a form: the reporting level's units, plus the units that submit a
// roll-up of them (a city once all its counties are approved).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { PROVINCE_CODE } from '../org-units/administrative-units';
import type { Actor } from '../../common/policy';
import {
  rollUpLevels,
  type CrossRule,
  type ElementCheck,
  type Level,
} from '../../../../core/reporting';
import * as repo from './forms.repository';

export interface ElementInfo extends ElementCheck {
  unit: string;
  aggregation: 'flow' | 'stock';
  formCode: string;
}

export interface RuleInfo extends CrossRule {
  id: number;
  formCode: string;
  origin: 'plan' | 'admin';
}

export interface FormInfo {
  code: string;
  name: string;
  domainCode: string | null;
  periodType: 'month' | 'quarter' | 'year';
  reporterLevel: 'county' | 'city' | 'department';
  approvalLevels: Level[];
  dueDays: number;
  expiryDays: number;
  reminderDaysBefore: number;
  active: boolean;
  elements: ElementInfo[];
  rules: RuleInfo[];
}

export interface Catalog {
  forms: Map<string, FormInfo>;
  elements: Map<string, ElementInfo>;
  /** Rules that mention an element on either side, whichever form holds them. */
  rulesFor(elementCode: string): RuleInfo[];
}

/**
 * Forms change rarely (an administrator's adjustment, a plan import), and every save needs
 * them: the catalog is kept for a few seconds per database handle. Changes in this process
 * invalidate it at once; another process sees them within CATALOG_TTL_MS.
 */
const CATALOG_TTL_MS = 5000;
const cache = new WeakMap<object, { at: number; generation: number; catalog: Promise<Catalog> }>();
let generation = 0;

export function loadCatalog(db: Kysely<DB>): Promise<Catalog> {
  // Inside a transaction, read what the transaction sees.
  if (db.isTransaction) return readCatalog(db);
  const hit = cache.get(db);
  if (hit && hit.generation === generation && Date.now() - hit.at < CATALOG_TTL_MS)
    return hit.catalog;
  const catalog = readCatalog(db);
  cache.set(db, { at: Date.now(), generation, catalog });
  catalog.catch(() => cache.delete(db));
  return catalog;
}

/** After a change to forms, elements or rules in this process. */
export function invalidateCatalog(): void {
  generation += 1;
}

async function readCatalog(db: Kysely<DB>): Promise<Catalog> {
  const [forms, members, rules, elements] = await Promise.all([
    repo.listForms(db),
    repo.listFormElements(db),
    repo.listRules(db),
    db.selectFrom('data_elements').selectAll().execute(),
  ]);
  const elementRows = new Map(elements.map((e) => [e.code, e]));
  const result = new Map<string, FormInfo>();
  for (const f of forms) {
    result.set(f.code, {
      code: f.code,
      name: f.name,
      domainCode: f.domain_code,
      periodType: f.period_type,
      reporterLevel: f.reporter_level,
      approvalLevels: JSON.parse(f.approval_levels) as Level[],
      dueDays: f.due_days,
      expiryDays: f.expiry_days,
      reminderDaysBefore: f.reminder_days_before,
      active: f.active !== 0,
      elements: [],
      rules: [],
    });
  }
  const byElement = new Map<string, ElementInfo>();
  for (const m of members) {
    const e = elementRows.get(m.element_code);
    const form = result.get(m.form_code);
    if (!e || !form) continue;
    const info: ElementInfo = {
      code: e.code,
      name: e.name,
      unit: e.unit,
      valueType: e.value_type as ElementInfo['valueType'],
      aggregation: e.aggregation as ElementInfo['aggregation'],
      min: m.min_value,
      max: m.max_value,
      formCode: form.code,
    };
    form.elements.push(info);
    byElement.set(e.code, info);
  }
  const touching = new Map<string, RuleInfo[]>();
  for (const r of rules) {
    const info: RuleInfo = {
      id: r.id,
      formCode: r.form_code,
      code: r.code,
      left: r.left_element,
      operator: r.operator as RuleInfo['operator'],
      right: r.right_element,
      severity: r.severity,
      message: r.message,
      origin: r.origin,
    };
    result.get(r.form_code)?.rules.push(info);
    for (const code of new Set([info.left, info.right]))
      touching.set(code, [...(touching.get(code) ?? []), info]);
  }
  return {
    forms: result,
    elements: byElement,
    rulesFor: (code) => touching.get(code) ?? [],
  };
}

/** The hierarchy level a unit's submissions sit at; department-reported data is the province's. */
export function unitLevel(orgs: OrgDirectory, unitCode: string): Level | null {
  const level = orgs.get(unitCode)?.level;
  if (level === 'county' || level === 'city') return level;
  if (level === 'province') return 'department';
  return null;
}

export function actorLevel(actor: Actor): Level | null {
  switch (actor.role) {
    case 'county':
      return 'county';
    case 'city':
      return 'city';
    case 'department':
      return 'department';
    case 'supervisor':
      return 'province';
    case 'sysadmin':
    case 'viewer':
      return null;
  }
}

const citiesWithCounties = (orgs: OrgDirectory) =>
  new Set(
    orgs.all().flatMap((u) => (u.level === 'county' && u.parent_code ? [u.parent_code] : [])),
  );

/** Units that enter a form's values; cities without counties (东莞, 中山) stand in for them. */
export function reporterUnits(orgs: OrgDirectory, form: FormInfo): string[] {
  const all = orgs.all();
  if (form.reporterLevel === 'department') return [PROVINCE_CODE];
  if (form.reporterLevel === 'city')
    return all.filter((u) => u.level === 'city').map((u) => u.code);
  const parents = citiesWithCounties(orgs);
  return all
    .filter((u) => u.level === 'county' || (u.level === 'city' && !parents.has(u.code)))
    .map((u) => u.code);
}

/** Units that submit a roll-up (no values of their own) once their reporters are approved. */
export function rollUpUnits(orgs: OrgDirectory, form: FormInfo): string[] {
  if (form.reporterLevel !== 'county' || !rollUpLevels(form.approvalLevels).includes('city'))
    return [];
  return [...citiesWithCounties(orgs)];
}

export function expectedUnits(orgs: OrgDirectory, form: FormInfo): string[] {
  return [...reporterUnits(orgs, form), ...rollUpUnits(orgs, form)];
}

/** The reporting units a roll-up unit answers for. */
export function reportersUnder(orgs: OrgDirectory, form: FormInfo, unitCode: string): string[] {
  const below = orgs.subtree(unitCode);
  return reporterUnits(orgs, form).filter((u) => u !== unitCode && below.has(u));
}
