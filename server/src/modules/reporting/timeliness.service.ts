// Completeness and timeliness: who was expected to report a form for a period, who did, and
// who did on time; the reviewer's overview of who is late; and due-date reminders.
import type { AppContext } from '../../context';
import { can, type Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';
import {
  formatPeriod,
  parsePeriod,
  periodBounds,
  periodsBetween,
} from '../../../../core/periods/periods';
import { badRequest, notFound } from '../../common/errors';
import {
  daysBetween,
  deadlinesOf,
  isOnTime,
  reminderFor,
  todayCst,
} from '../../../../core/reporting';
import { expectedUnits, loadCatalog, rollUpUnits, type FormInfo } from './catalog';
import { periodMessage } from './approval.service';
import { deliverInBackground, newOutbox, notify } from './notifications.service';
import * as repo from './values.repository';

interface Counts {
  expected: number;
  submitted: number;
  onTime: number;
  approved: number;
}

const rates = (c: Counts) => ({
  ...c,
  reportingRate: c.expected ? c.submitted / c.expected : null,
  onTimeRate: c.expected ? c.onTime / c.expected : null,
});

/** Reporting rate (submitted ÷ expected) and on-time rate of a form for a period. */
export async function completeness(
  ctx: AppContext,
  actor: Actor,
  q: { formCode: string; period: string; parentCode?: string },
  now = new Date(),
) {
  const catalog = await loadCatalog(ctx.db);
  const form = catalog.forms.get(q.formCode);
  if (!form) throw notFound('FORM_NOT_FOUND', `报表 ${q.formCode} 不存在`);
  const p = parsePeriod(q.period);
  if (!p || p.type !== form.periodType)
    throw badRequest('PERIOD_INVALID', periodMessage(form, q.period), [
      { field: 'period', message: periodMessage(form, q.period) },
    ]);
  return completenessOf(ctx, actor, form, q, now);
}

async function completenessOf(
  ctx: AppContext,
  actor: Actor,
  form: FormInfo,
  q: { period: string; parentCode?: string },
  now: Date,
) {
  const { dueDate, expiryDate } = deadlinesOf(q.period, form.dueDays, form.expiryDays);
  const within = q.parentCode ? ctx.orgs.subtree(q.parentCode) : null;
  const rollUps = new Set(rollUpUnits(ctx.orgs, form));
  const units = expectedUnits(ctx.orgs, form).filter(
    (u) =>
      (!within || within.has(u)) &&
      can(actor, 'data.read', { unitCode: u, domainCode: form.domainCode }),
  );
  const subs = new Map(
    (
      await repo.findSubmissions(ctx.db, {
        formCodes: [form.code],
        periods: [q.period],
        unitCodes: units,
      })
    ).map((s) => [s.unit_code, s]),
  );
  const duePassed = todayCst(now) > dueDate;
  const rows = units.map((code) => {
    const s = subs.get(code);
    const first = s?.first_submitted_at ?? null;
    const onTime = first ? isOnTime(first, dueDate) : null;
    return {
      unitCode: code,
      unitName: ctx.orgs.get(code)?.name ?? code,
      parentCode: ctx.orgs.get(code)?.parent_code ?? null,
      rollUp: rollUps.has(code),
      state: s?.state ?? 'draft',
      firstSubmittedAt: first,
      onTime,
      late: first ? !onTime : duePassed,
    };
  });
  const count = (list: typeof rows): Counts => ({
    expected: list.length,
    submitted: list.filter((r) => r.firstSubmittedAt).length,
    onTime: list.filter((r) => r.onTime).length,
    approved: list.filter((r) => r.state === 'approved').length,
  });
  const reporters = rows.filter((r) => !r.rollUp);
  const byCity = new Map<string, typeof rows>();
  for (const r of reporters) {
    const city = ctx.orgs.get(r.unitCode)?.level === 'county' ? r.parentCode! : r.unitCode;
    byCity.set(city, [...(byCity.get(city) ?? []), r]);
  }
  return {
    formCode: form.code,
    formName: form.name,
    period: q.period,
    dueDate,
    expiryDate,
    summary: rates(count(reporters)),
    groups: [...byCity].map(([code, list]) => ({
      unitCode: code,
      unitName: ctx.orgs.get(code)?.name ?? code,
      ...rates(count(list)),
    })),
    units: rows,
  };
}

/** Periods of a form whose due date is between `from` and `to` days around today. */
function periodsDueAround(form: FormInfo, now: Date, daysBack: number, daysAhead: number) {
  const today = todayCst(now);
  const start = new Date(now.getTime() - (daysBack + 400) * 86_400_000);
  return periodsBetween(form.periodType, start, now)
    .map(formatPeriod)
    .filter((p) => {
      const left = daysBetween(today, deadlinesOf(p, form.dueDays, form.expiryDays).dueDate);
      return left >= -daysBack && left <= daysAhead && periodBounds(parsePeriod(p)!).end < today;
    });
}

/** Expected units in the actor's scope that have not submitted, for periods due recently. */
export async function lateOverview(ctx: AppContext, actor: Actor, now = new Date(), daysBack = 90) {
  const catalog = await loadCatalog(ctx.db);
  const today = todayCst(now);
  const late = [];
  for (const form of catalog.forms.values()) {
    if (!form.active || !can(actor, 'data.read', { domainCode: form.domainCode })) continue;
    for (const period of periodsDueAround(form, now, daysBack, 0)) {
      const { dueDate } = deadlinesOf(period, form.dueDays, form.expiryDays);
      if (today <= dueDate) continue;
      const result = await completenessOf(ctx, actor, form, { period }, now);
      for (const u of result.units)
        if (!u.firstSubmittedAt)
          late.push({
            formCode: form.code,
            formName: form.name,
            period,
            dueDate,
            daysLate: daysBetween(dueDate, today),
            unitCode: u.unitCode,
            unitName: u.unitName,
            parentCode: u.parentCode,
            state: u.state,
          });
    }
  }
  return late.sort((a, b) => b.daysLate - a.daysLate || a.unitCode.localeCompare(b.unitCode));
}

/**
 * Creates the reminders due today: one `daysBefore` the due date (when the window opens) and
 * one on the due date, for every expected unit that has not submitted. Idempotent: each
 * reminder has a dedup key, so running it again (or in another process) sends nothing twice.
 */
export async function produceDueReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const catalog = await loadCatalog(ctx.db);
  const today = todayCst(now);
  const outbox = newOutbox();
  let created = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const form of catalog.forms.values()) {
      if (!form.active) continue;
      for (const period of periodsDueAround(form, now, 0, form.reminderDaysBefore)) {
        const { dueDate } = deadlinesOf(period, form.dueDays, form.expiryDays);
        const kind = reminderFor(dueDate, today, form.reminderDaysBefore);
        if (!kind) continue;
        const units = expectedUnits(ctx.orgs, form);
        const done = new Set(
          (await repo.findSubmissions(trx, { formCodes: [form.code], periods: [period] }))
            .filter((s) => s.first_submitted_at)
            .map((s) => s.unit_code),
        );
        for (const unitCode of units.filter((u) => !done.has(u))) {
          const sent = await notify(trx, outbox, {
            unitCode,
            kind: `reminder.${kind}`,
            title:
              kind === 'due'
                ? `今日截止：「${form.name}」${period}`
                : `即将截止：「${form.name}」${period}（${dueDate}）`,
            body: `请于 ${dueDate} 前上报「${form.name}」${period} 的数据。`,
            link: { formCode: form.code, unitCode, period },
            // 'before' is one reminder per deadline, whichever day of the window it ran on.
            dedupKey: `reminder:${kind}:${form.code}:${unitCode}:${period}`,
          });
          if (sent) created += 1;
        }
      }
    }
    if (created)
      await recordAudit(trx, {
        action: 'reporting.reminders',
        username: 'system:reminders',
        details: { created, day: today },
      });
  });
  deliverInBackground(ctx.db, outbox);
  return created;
}
