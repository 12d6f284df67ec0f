// Forms (报表) generated from a plan: one form per domain × reporting level × period type,
// with default deadlines and approval chain, and a numerator ≤ denominator rule for every
// percentage target. An administrator adjusts them afterwards; regeneration only adds.
import type { DataElement, Plan } from '../plan/schema';
import { allTargets } from '../plan/targets';
import type { CrossRule } from './validation';
import type { Level } from './approval';

export type ReporterLevel = 'county' | 'city' | 'department';
export type FormPeriodType = 'month' | 'quarter' | 'year';

export interface FormDefinition {
  code: string;
  name: string;
  domainCode: string | null;
  periodType: FormPeriodType;
  reporterLevel: ReporterLevel;
  approvalLevels: Level[];
  dueDays: number;
  expiryDays: number;
  reminderDaysBefore: number;
  elements: string[];
}

export interface FormRule extends CrossRule {
  formCode: string;
}

export const DEFAULT_DEADLINES: Record<FormPeriodType, { dueDays: number; expiryDays: number }> = {
  month: { dueDays: 10, expiryDays: 30 },
  quarter: { dueDays: 15, expiryDays: 45 },
  year: { dueDays: 30, expiryDays: 90 },
};

export const DEFAULT_CHAIN: Record<ReporterLevel, Level[]> = {
  county: ['city', 'department'],
  city: ['department'],
  department: ['province'],
};

const LEVEL_ZH: Record<ReporterLevel, string> = {
  county: '县区',
  city: '地市',
  department: '部门',
};
const PERIOD_ZH: Record<FormPeriodType, string> = { month: '月报', quarter: '季报', year: '年报' };

/** An element's domain: the first whose targets use it, else the one its owner leads. */
export function elementDomains(plan: Plan): Map<string, string | null> {
  const result = new Map<string, string | null>();
  for (const t of allTargets(plan)) {
    const m = t.measure;
    const codes =
      'element' in m ? [m.element] : 'numerator' in m ? [m.numerator, m.denominator] : [];
    for (const c of codes) if (!result.has(c)) result.set(c, t.domainCode);
  }
  for (const e of plan.dataElements) {
    if (result.has(e.code)) continue;
    const led = plan.domains.find((d) => e.owner && d.leadUnits.includes(e.owner));
    result.set(e.code, led?.code ?? null);
  }
  return result;
}

/** The lowest level that reports an element: the form collects it there. */
export function reporterLevelOf(e: DataElement): ReporterLevel {
  for (const level of ['county', 'city', 'department'] as const)
    if (e.reportedBy.includes(level)) return level;
  return 'department';
}

export function formCodeFor(domainCode: string | null, level: ReporterLevel, type: FormPeriodType) {
  return `${domainCode ?? 'GEN'}-${level}-${type}`;
}

export function generateForms(plan: Plan): { forms: FormDefinition[]; rules: FormRule[] } {
  const domains = elementDomains(plan);
  const names = new Map(plan.domains.map((d) => [d.code, d.name]));
  const forms = new Map<string, FormDefinition>();
  const formOf = new Map<string, string>();
  for (const e of plan.dataElements) {
    const domainCode = domains.get(e.code) ?? null;
    const level = reporterLevelOf(e);
    const code = formCodeFor(domainCode, level, e.periodType);
    formOf.set(e.code, code);
    let form = forms.get(code);
    if (!form) {
      const domainName = (domainCode && names.get(domainCode)) || '综合';
      form = {
        code,
        name: `${domainName}·${LEVEL_ZH[level]}${PERIOD_ZH[e.periodType]}`,
        domainCode,
        periodType: e.periodType,
        reporterLevel: level,
        approvalLevels: DEFAULT_CHAIN[level],
        ...DEFAULT_DEADLINES[e.periodType],
        reminderDaysBefore: 3,
        elements: [],
      };
      forms.set(code, form);
    }
    form.elements.push(e.code);
  }
  return { forms: [...forms.values()], rules: ratioRules(plan, formOf) };
}

/** numerator ≤ denominator for every percentage target whose parts share a period type. */
function ratioRules(plan: Plan, formOf: Map<string, string>): FormRule[] {
  const byCode = new Map(plan.dataElements.map((e) => [e.code, e]));
  const rules = new Map<string, FormRule>();
  for (const t of allTargets(plan)) {
    const m = t.measure;
    if (!('numerator' in m) || m.scale !== 100) continue;
    const num = byCode.get(m.numerator);
    const den = byCode.get(m.denominator);
    if (!num || !den || num.periodType !== den.periodType) continue;
    const code = `${m.numerator}<=${m.denominator}`;
    if (rules.has(code)) continue;
    rules.set(code, {
      formCode: formOf.get(num.code)!,
      code,
      left: num.code,
      operator: '<=',
      right: den.code,
      severity: 'blocking',
      message: `「${num.name}」不应大于「${den.name}」（指标 ${t.code}）`,
    });
  }
  return [...rules.values()];
}
