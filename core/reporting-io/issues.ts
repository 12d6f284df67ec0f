// A problem with one imported value, said without its place; each file format turns it into a
// placed message (sheet/row/column for Excel, line/column for CSV, index for DHIS2).
import type { LocatedValue } from './located-value';
import { placed, type Place, type PlacedError } from './problems';
import { column } from './xlsx-layout';

export type ValueField = 'elementCode' | 'unitCode' | 'period' | 'value' | 'comment';

export interface ValueIssue {
  /** Position in the imported values. */
  index: number;
  field: ValueField;
  message: string;
}

const FIELD_LABELS: Record<ValueField, string> = {
  elementCode: '指标代码 elementCode',
  unitCode: '单位代码 unitCode',
  period: '期间 period',
  value: '数值 value',
  comment: '备注 comment',
};

const TEMPLATE_COLUMNS = {
  elementCode: 'elementCode',
  unitCode: 'unitCode',
  period: 'periodCode',
  value: 'value',
  comment: 'comment',
} as const;

/** The place of one field of a value: its own column in a template, else the field's name. */
export function placeOfField(base: Place, field: ValueField): Place {
  if (base.sheet && base.column) {
    const col = column(TEMPLATE_COLUMNS[field]);
    return { ...base, column: col.letter, field: col.header };
  }
  return { ...base, field: FIELD_LABELS[field] };
}

export function placeIssues(
  values: readonly LocatedValue[],
  issues: readonly ValueIssue[],
): PlacedError[] {
  return issues.map((issue) => {
    const value = values[issue.index];
    return value
      ? placed(placeOfField(value.place, issue.field), issue.message)
      : { message: issue.message };
  });
}

/** Maps a field name another module used (`value`, `values/3/unitCode`) to ours. */
export function asValueField(field: string): ValueField {
  const last = field.split(/[./]/).at(-1) ?? field;
  const known: ValueField[] = ['elementCode', 'unitCode', 'period', 'value', 'comment'];
  return known.find((f) => f === last) ?? 'value';
}
