// Makes the demo data's submissions match its values: every (form, unit, period) with values
// gets a submission in the values' state, submitted two days before its due date; cities
// whose counties are all approved get an approved roll-up. Runs inside seed-demo's transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { daysAfterPeriodEnd, endOfDayCst } from '../../../../core/reporting';
import { loadCatalog, reportersUnder, rollUpUnits } from './catalog';

type State = 'submitted' | 'approved';

export async function seedDemoSubmissions(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  now: Date,
): Promise<number> {
  await db.deleteFrom('report_submission_events').execute();
  await db.deleteFrom('report_submissions').execute();
  await db.deleteFrom('data_value_history').execute();
  const catalog = await loadCatalog(db);
  const rows = await db
    .selectFrom('data_values')
    .select(['element_code', 'unit_code', 'period', 'status'])
    .distinct()
    .execute();
  const states = new Map<string, State>();
  for (const r of rows) {
    const form = catalog.elements.get(r.element_code)?.formCode;
    if (!form) continue;
    const key = `${form}|${r.unit_code}|${r.period}`;
    // One value still under review keeps the whole submission under review.
    if (r.status !== 'approved' || !states.has(key))
      states.set(key, r.status === 'approved' ? 'approved' : 'submitted');
  }
  for (const form of catalog.forms.values()) {
    const periods = new Set(
      [...states.keys()].filter((k) => k.startsWith(`${form.code}|`)).map((k) => k.split('|')[2]!),
    );
    for (const city of rollUpUnits(orgs, form))
      for (const period of periods) {
        const children = reportersUnder(orgs, form, city);
        if (children.every((c) => states.get(`${form.code}|${c}|${period}`) === 'approved'))
          states.set(`${form.code}|${city}|${period}`, 'approved');
      }
  }
  const at = now.toISOString();
  const values = [...states].map(([key, state]) => {
    const [formCode, unitCode, period] = key.split('|') as [string, string, string];
    const form = catalog.forms.get(formCode)!;
    const due = endOfDayCst(daysAfterPeriodEnd(period, form.dueDays)).getTime();
    const submitted = new Date(Math.min(due - 2 * 86_400_000, now.getTime())).toISOString();
    const reviewed = new Date(Math.min(due + 3 * 86_400_000, now.getTime())).toISOString();
    return {
      form_code: formCode,
      unit_code: unitCode,
      period,
      state,
      first_submitted_at: submitted,
      submitted_at: submitted,
      submitted_by: 'demo',
      reviewed_at: state === 'approved' ? reviewed : null,
      reviewed_by: state === 'approved' ? 'demo' : null,
      reason: null,
      updated_at: at,
    };
  });
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('report_submissions')
      .values(values.slice(i, i + 500))
      .execute();
  return values.length;
}
