// Imports values from any file format through the reporting core's one write path
// (saveValues): codes are resolved first (element, unit, period, scope) so each bad row gets a
// message with its place; then saveValues validates and stores everything or nothing. The
// upload time is passed as submission time, so timeliness holds for Excel and API imports.
import type { AppContext } from '../../context';
import { AppError } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import { parsePeriod } from '../../../../core/periods/periods';
import {
  asValueField,
  placeIssues,
  type LocatedValue,
  type PlacedError,
  type ValueIssue,
} from '../../../../core/reporting-io';
import { loadCatalog, reporterUnits, type Catalog, type FormInfo } from '../reporting/catalog';
import { saveValues, type ValueSource } from '../reporting/values.service';

export interface ImportRequest {
  source: ValueSource;
  formCode?: string;
  values: LocatedValue[];
  /** Problems found while reading the file (placed already). */
  readErrors?: PlacedError[];
  readErrorCount?: number;
  dryRun: boolean;
  submit: boolean;
  /** When the upload arrived: counts as submission time. */
  receivedAt: string;
}

export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOutcome {
  source: ValueSource;
  dryRun: boolean;
  /** True only when the values were written. */
  stored: boolean;
  submitted: boolean;
  receivedAt: string;
  formCodes: string[];
  summary: ImportSummary;
  /** Value-level issues (index into `values`), for formats that place them themselves. */
  issues: ValueIssue[];
  /** Every error with its place, read errors first. */
  errors: PlacedError[];
  errorCount: number;
}

const MAX_LISTED_ERRORS = 500;

export async function importValues(
  ctx: AppContext,
  actor: Actor,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const catalog = await loadCatalog(ctx.db);
  if (request.formCode && !catalog.forms.has(request.formCode))
    throw new AppError(400, 'FORM_NOT_FOUND', `报表“${request.formCode}”不存在`, [
      { field: 'formCode', message: '报表不存在' },
    ]);
  const resolver = new CodeResolver(ctx, actor, catalog, request.formCode);
  const issues: ValueIssue[] = [];
  const goodIndexes: number[] = [];
  request.values.forEach((value, index) => {
    const found = resolver.check(value, index);
    if (found) issues.push(found);
    else goodIndexes.push(index);
  });
  const readErrorCount = request.readErrorCount ?? request.readErrors?.length ?? 0;
  const clean = issues.length === 0 && readErrorCount === 0;
  const dryRun = request.dryRun || !clean;
  // Most files are clean: then the values go through as they are, not copied.
  const good =
    goodIndexes.length === request.values.length
      ? request.values
      : goodIndexes.map((i) => request.values[i]!);
  const result = await save(ctx, actor, request, good, dryRun);
  for (const r of result.rejected)
    issues.push({
      index: goodIndexes[r.index] ?? r.index,
      field: asValueField(r.field),
      message: r.message,
    });
  issues.sort((a, b) => a.index - b.index);
  const rejectedValues = new Set(issues.map((i) => i.index)).size;
  const errors = [...(request.readErrors ?? []), ...placeIssues(request.values, issues)];
  const errorCount = readErrorCount + issues.length;
  const outcome: ImportOutcome = {
    source: request.source,
    dryRun: request.dryRun,
    stored: !dryRun && result.rejected.length === 0,
    submitted: !dryRun && request.submit && result.rejected.length === 0,
    receivedAt: request.receivedAt,
    formCodes: [...new Set(good.map((v) => catalog.elements.get(v.elementCode)?.formCode ?? ''))]
      .filter(Boolean)
      .sort(),
    summary: {
      total: request.values.length + readErrorCount,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: rejectedValues + readErrorCount,
    },
    issues,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount,
  };
  return outcome;
}

async function save(
  ctx: AppContext,
  actor: Actor,
  request: ImportRequest,
  values: LocatedValue[],
  dryRun: boolean,
) {
  if (values.length === 0) return { created: 0, updated: 0, unchanged: 0, rejected: [] };
  try {
    return await saveValues(ctx, actor, {
      ...(request.formCode ? { formCode: request.formCode } : {}),
      // A located value is a value input with its place; only an empty comment (which would
      // clear the stored one) needs the copy without it.
      values: values.map((v) =>
        v.comment === undefined || v.comment
          ? v
          : {
              elementCode: v.elementCode,
              unitCode: v.unitCode,
              period: v.period,
              value: v.value,
            },
      ),
      source: request.source,
      submittedAt: request.receivedAt,
      dryRun,
      submit: request.submit,
      returnSaved: false,
    });
  } catch (error) {
    const rejected = rejectedFromError(error);
    if (!rejected) throw error;
    return { created: 0, updated: 0, unchanged: 0, rejected };
  }
}

/** saveValues refuses a bad batch (400, or 423 when locked) with details `values/<i>/<field>`. */
function rejectedFromError(error: unknown) {
  if (!(error instanceof AppError) || ![400, 423].includes(error.status) || !error.details?.length)
    return null;
  const rejected = error.details.map((d) => {
    const index = /values[./](\d+)/.exec(d.field ?? '')?.[1] ?? String(d.row ?? '');
    return { index: Number(index), field: d.field ?? 'value', message: d.message };
  });
  return rejected.every((r) => Number.isInteger(r.index)) ? rejected : null;
}

/** The 400 answer for a real (not dry-run) import that had errors: nothing was stored. */
export function rejectionError(outcome: ImportOutcome): AppError {
  const first = outcome.errors[0]?.message ?? '';
  return new AppError(
    400,
    'IMPORT_REJECTED',
    `导入被拒绝：共 ${outcome.errorCount} 处错误，未写入任何数据。${first}`,
    outcome.errors.map((e) => ({
      ...(e.field
        ? { field: e.column ? `${e.sheet ?? ''}!${e.column}${e.row ?? ''}` : e.field }
        : {}),
      ...(e.row !== undefined ? { row: e.row } : {}),
      message: e.message,
    })),
    { summary: outcome.summary, errors: outcome.errors, errorCount: outcome.errorCount },
  );
}

type Verdict = Omit<ValueIssue, 'index'> | null;

/** Resolves codes against the catalog and org tree, and the actor's scope. */
class CodeResolver {
  private readonly reporters = new Map<string, Set<string>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly actor: Actor,
    private readonly catalog: Catalog,
    private readonly formCode: string | undefined,
  ) {}

  /** A file repeats few codes: each element × unit and form × period is checked once. */
  private readonly codeVerdicts = new Map<string, Verdict>();
  private readonly periodVerdicts = new Map<string, Verdict>();

  check(value: LocatedValue, index: number): ValueIssue | null {
    const pair = `${value.elementCode}|${value.unitCode}`;
    let verdict = this.codeVerdicts.get(pair);
    if (verdict === undefined) {
      verdict = this.checkCodes(value);
      this.codeVerdicts.set(pair, verdict);
    }
    if (!verdict) {
      const form = this.catalog.forms.get(this.catalog.elements.get(value.elementCode)!.formCode)!;
      const key = `${form.code}|${value.period}`;
      verdict = this.periodVerdicts.get(key);
      if (verdict === undefined) {
        verdict = this.checkPeriod(form, value.period);
        this.periodVerdicts.set(key, verdict);
      }
    }
    return verdict ? { index, field: verdict.field, message: verdict.message } : null;
  }

  private checkCodes(value: LocatedValue): Verdict {
    const issue = (field: ValueIssue['field'], message: string) => ({ field, message });
    const element = this.catalog.elements.get(value.elementCode);
    if (!element) return issue('elementCode', `指标代码“${value.elementCode}”不存在`);
    const form = this.catalog.forms.get(element.formCode)!;
    if (this.formCode && form.code !== this.formCode)
      return issue(
        'elementCode',
        `指标“${element.name}”不属于报表“${this.formCode}”，而属于“${form.name}”`,
      );
    const unit = this.ctx.orgs.get(value.unitCode);
    if (!unit) return issue('unitCode', `单位代码“${value.unitCode}”不存在`);
    if (!this.reportersOf(form).has(unit.code))
      return issue('unitCode', `“${unit.name}”不是报表“${form.name}”的填报单位`);
    if (!can(this.actor, 'data.write', { unitCode: unit.code, domainCode: form.domainCode }))
      return issue('unitCode', `无权填报“${unit.name}”的数据`);
    return null;
  }

  private checkPeriod(form: FormInfo, code: string): Verdict {
    const issue = (field: ValueIssue['field'], message: string) => ({ field, message });
    const value = { period: code };
    const period = parsePeriod(value.period);
    if (!period)
      return issue(
        'period',
        `期间“${value.period}”格式不正确，应为 2025（年）、2025Q3（季）或 2025-07（月）`,
      );
    if (period.type !== form.periodType)
      return issue(
        'period',
        `报表“${form.name}”按${PERIOD_NAMES[form.periodType]}报送，期间“${value.period}”不符`,
      );
    return null;
  }

  private reportersOf(form: FormInfo): Set<string> {
    let set = this.reporters.get(form.code);
    if (!set) {
      set = new Set(reporterUnits(this.ctx.orgs, form));
      this.reporters.set(form.code, set);
    }
    return set;
  }
}

const PERIOD_NAMES = { month: '月', quarter: '季', year: '年' } as const;
