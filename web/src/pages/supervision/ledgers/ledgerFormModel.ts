// The ledger item form's values, their conversion to the API body and back, and the mapping
// of the server's field paths (`milestones[1].dueDate`, `milestones.1.dueDate`) onto form
// fields. No React here, so it is tested on its own.
import type { ItemView, LedgerInput } from '../../../api/ledgers';

export interface MilestoneValues {
  id?: number;
  title?: string;
  dueDate?: string;
  definitionOfDone?: string;
}

export interface LedgerFormValues {
  taskNumber?: number;
  title?: string;
  description?: string;
  ownerUnitCode?: string;
  cooperatingUnits?: string[];
  cityCode?: string;
  startDate?: string;
  dueDate?: string;
  budget?: number | null;
  targetCodes?: string[];
  milestones?: MilestoneValues[];
}

/** The form's fields, so a server path outside them goes to the general error instead. */
const FORM_FIELDS = new Set<string>([
  'taskNumber',
  'title',
  'description',
  'ownerUnitCode',
  'cooperatingUnits',
  'cityCode',
  'startDate',
  'dueDate',
  'budget',
  'targetCodes',
  'milestones',
]);

export function toFormValues(item: ItemView): LedgerFormValues {
  return {
    taskNumber: item.taskNumber,
    title: item.title,
    description: item.description,
    ownerUnitCode: item.ownerUnitCode,
    cooperatingUnits: item.cooperatingUnits.map((u) => u.code),
    cityCode: item.cityCode ?? undefined,
    startDate: item.startDate,
    dueDate: item.dueDate,
    budget: item.budget,
    targetCodes: item.targetCodes,
    milestones: item.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.dueDate,
      definitionOfDone: m.definitionOfDone,
    })),
  };
}

/** The API body; the form's rules have already required what must be there. */
export function toLedgerInput(v: LedgerFormValues): LedgerInput {
  return {
    taskNumber: v.taskNumber ?? 0,
    title: (v.title ?? '').trim(),
    description: (v.description ?? '').trim(),
    ownerUnitCode: v.ownerUnitCode ?? '',
    cooperatingUnits: v.cooperatingUnits ?? [],
    cityCode: v.cityCode || null,
    startDate: v.startDate ?? '',
    dueDate: v.dueDate ?? '',
    budget: typeof v.budget === 'number' ? v.budget : null,
    targetCodes: v.targetCodes ?? [],
    milestones: (v.milestones ?? []).map((m) => ({
      ...(m.id !== undefined ? { id: m.id } : {}),
      title: (m.title ?? '').trim(),
      dueDate: m.dueDate ?? '',
      definitionOfDone: (m.definitionOfDone ?? '').trim(),
    })),
  };
}

export type FieldPath = Array<string | number>;

/**
 * A server field path as a form name path: `milestones[1].dueDate` (domain checks) and
 * `milestones.1.dueDate` (schema checks) both become ['milestones', 1, 'dueDate']. Null when
 * the path names no field of the form (the error is then shown above the form).
 */
export function toFieldPath(field: string | undefined): FieldPath | null {
  if (!field) return null;
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const root = parts[0];
  if (typeof root !== 'string' || !FORM_FIELDS.has(root)) return null;
  // A milestone's `id` or `doneOn` is not an input of the form: put it on the row's title.
  if (root === 'milestones' && typeof parts[1] === 'number') {
    const leaf = parts[2];
    const known = leaf === 'title' || leaf === 'dueDate' || leaf === 'definitionOfDone';
    return ['milestones', parts[1], known ? leaf : 'title'];
  }
  // Array items of a multi-select (`targetCodes.2`) belong to the select itself.
  return [root];
}

export interface PlacedError {
  name: FieldPath;
  errors: string[];
}

/** Groups the server's details by form field; what fits no field is returned apart. */
export function placeErrors(details: Array<{ field?: string; message: string }>): {
  placed: PlacedError[];
  unplaced: string[];
} {
  const byField = new Map<string, PlacedError>();
  const unplaced: string[] = [];
  for (const d of details) {
    const name = toFieldPath(d.field);
    if (!name) {
      unplaced.push(d.message);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(d.message);
    byField.set(key, entry);
  }
  return { placed: [...byField.values()], unplaced };
}

/** Client-side: is a milestone's date inside the item's window (when both ends are known)? */
export function insideWindow(day: string, start?: string, due?: string): boolean {
  if (start && day < start) return false;
  if (due && day > due) return false;
  return true;
}
