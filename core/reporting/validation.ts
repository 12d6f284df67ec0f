// Validation of reported values: per element (type, range) and across elements (configurable
// comparisons such as numerator ≤ denominator). Pure; the service feeds it stored values.

export type ValueType = 'integer' | 'decimal' | 'percentage';
export type Severity = 'blocking' | 'warning';
export type Operator = '<=' | '<' | '>=' | '>' | '==';

export interface ElementCheck {
  code: string;
  name: string;
  valueType: ValueType;
  /** Form-level bounds; null = only the type's own bounds apply. */
  min: number | null;
  max: number | null;
}

export interface Issue {
  elementCode: string;
  severity: Severity;
  /** Stable: TYPE_INTEGER, NEGATIVE, RANGE_PERCENT, BELOW_MIN, ABOVE_MAX, RULE, OUTLIER. */
  code: string;
  message: string;
  ruleCode?: string;
}

export interface CrossRule {
  code: string;
  left: string;
  operator: Operator;
  right: string;
  severity: Severity;
  /** Shown to the user; generated from the element names when empty. */
  message: string;
}

/** Blocking issues of one value on its own: every element here is a count, amount or %. */
const NO_ISSUES: readonly Issue[] = Object.freeze([]);

const blocking = (e: ElementCheck, code: string, message: string): Issue => ({
  elementCode: e.code,
  severity: 'blocking',
  code,
  message,
});

/** Called once per value of an import (100,000 of them): no closure or array for a clean value. */
export function checkValue(e: ElementCheck, value: number): readonly Issue[] {
  if (!Number.isFinite(value)) return [blocking(e, 'NOT_A_NUMBER', `「${e.name}」必须是数字`)];
  const bad =
    (e.valueType === 'integer' && !Number.isInteger(value)) ||
    value < 0 ||
    (e.valueType === 'percentage' && value > 100) ||
    (e.min !== null && value < e.min) ||
    (e.max !== null && value > e.max);
  if (!bad) return NO_ISSUES;
  const issues: Issue[] = [];
  if (e.valueType === 'integer' && !Number.isInteger(value))
    issues.push(blocking(e, 'TYPE_INTEGER', `「${e.name}」必须是整数`));
  if (value < 0) issues.push(blocking(e, 'NEGATIVE', `「${e.name}」不能为负数`));
  if (e.valueType === 'percentage' && (value < 0 || value > 100))
    issues.push(blocking(e, 'RANGE_PERCENT', `「${e.name}」是百分比，应在 0 到 100 之间`));
  if (e.min !== null && value < e.min)
    issues.push(blocking(e, 'BELOW_MIN', `「${e.name}」不能小于 ${e.min}`));
  if (e.max !== null && value > e.max)
    issues.push(blocking(e, 'ABOVE_MAX', `「${e.name}」不能大于 ${e.max}`));
  return issues;
}

const HOLDS: Record<Operator, (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b + 1e-9,
  '<': (a, b) => a < b,
  '>=': (a, b) => a + 1e-9 >= b,
  '>': (a, b) => a > b,
  '==': (a, b) => Math.abs(a - b) <= 1e-9,
};

const OPERATOR_ZH: Record<Operator, string> = {
  '<=': '不应大于',
  '<': '应小于',
  '>=': '不应小于',
  '>': '应大于',
  '==': '应等于',
};

/** Rules whose two sides both have a value; a rule with a missing side is not judged yet. */
export function checkCrossRules(
  rules: readonly CrossRule[],
  values: ReadonlyMap<string, number>,
  names: ReadonlyMap<string, string> = new Map(),
): Issue[] {
  const issues: Issue[] = [];
  for (const rule of rules) {
    const a = values.get(rule.left);
    const b = values.get(rule.right);
    if (a === undefined || b === undefined || HOLDS[rule.operator](a, b)) continue;
    const name = (code: string) => names.get(code) ?? code;
    issues.push({
      elementCode: rule.left,
      severity: rule.severity,
      code: 'RULE',
      ruleCode: rule.code,
      message:
        rule.message ||
        `「${name(rule.left)}」(${a})${OPERATOR_ZH[rule.operator]}「${name(rule.right)}」(${b})`,
    });
  }
  return issues;
}

export function isOperator(s: string): s is Operator {
  return s in HOLDS;
}
