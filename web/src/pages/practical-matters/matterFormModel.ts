// The editing form's values and their conversion to and from the API's plan-format targets,
// and the server's field paths (targets[0].measure.element) mapped onto the form's names.
import type { Comparator, Measure, TargetKind } from '../../../../core/plan/schema';
import type { MatterDto, MatterInput, Target } from '../../api/practicalMatters';

export type MeasureType = 'element' | 'ratio' | 'computed';

export interface TargetValues {
  code: string;
  indicator: string;
  measureType: MeasureType;
  element?: string;
  numerator?: string;
  denominator?: string;
  scale?: number;
  computed?: string;
  comparator: Comparator;
  value: number;
  band?: number;
  unit: string;
  kind: TargetKind;
  deadline: string;
  text?: string;
}

export interface MatterValues {
  seq: number;
  title: string;
  description?: string;
  leadUnit: string;
  /** `D01|1` per linked task. */
  tasks: string[];
  targets: TargetValues[];
}

const COMPARATOR_WORDS: Record<Comparator, string> = {
  '>=': '以上',
  '<=': '以下',
  '≈': '左右',
  '==': '',
  decreasing: '逐年下降',
};

/** 城镇新增就业人数 110万人以上 — the wording when the user gives none. */
export function targetText(t: TargetValues): string {
  if (t.comparator === 'decreasing') return `${t.indicator}逐年下降`;
  return `${t.indicator}达到${t.value}${t.unit}${COMPARATOR_WORDS[t.comparator]}`;
}

function measureOf(t: TargetValues): Measure {
  if (t.measureType === 'ratio')
    return {
      numerator: t.numerator ?? '',
      denominator: t.denominator ?? '',
      scale: t.scale ?? 100,
    };
  if (t.measureType === 'computed') return { computed: t.computed ?? '' };
  return { element: t.element ?? '' };
}

export function defaultTarget(year: number, seq: number, n: number): TargetValues {
  return {
    code: `SS${year}-${String(seq).padStart(2, '0')}-${n}`,
    indicator: '',
    measureType: 'element',
    comparator: '>=',
    value: 0,
    unit: '',
    kind: 'cumulative',
    deadline: `${year}-12-31`,
  };
}

export function toFormValues(m: MatterDto): MatterValues {
  return {
    seq: m.seq,
    title: m.title,
    description: m.description,
    leadUnit: m.leadUnit,
    tasks: m.taskRefs.map((r) => `${r.domainCode}|${r.taskNumber}`),
    targets: (m.targets as Target[]).map((t) => ({
      code: t.code,
      indicator: t.indicator,
      measureType:
        'numerator' in t.measure ? 'ratio' : 'computed' in t.measure ? 'computed' : 'element',
      ...t.measure,
      comparator: t.comparator,
      value: t.value,
      band: t.band,
      unit: t.unit,
      kind: t.kind,
      deadline: t.deadline,
      text: t.text,
    })),
  };
}

/** The API body; fields the form does not show (milestones, baseline, start) are kept. */
export function toInput(year: number, v: MatterValues, before: Target[] = []): MatterInput {
  return {
    year,
    seq: v.seq,
    title: v.title,
    description: v.description ?? '',
    leadUnit: v.leadUnit,
    taskRefs: v.tasks.map((key) => {
      const [domainCode, n] = key.split('|');
      return { domainCode: domainCode!, taskNumber: Number(n) };
    }),
    targets: (v.targets ?? []).map((t, i): Target => {
      const kept = before.find((b) => b.code === t.code) ?? before[i];
      const { measure: _m, band: _b, ...rest } = kept ?? ({} as Partial<Target>);
      return {
        ...rest,
        code: t.code,
        text: t.text?.trim() || targetText(t),
        indicator: t.indicator,
        measure: measureOf(t),
        comparator: t.comparator,
        value: Number(t.value),
        ...(t.comparator === '≈' && t.band !== undefined && t.band !== null
          ? { band: t.band }
          : {}),
        unit: t.unit,
        kind: t.kind,
        deadline: t.deadline,
      };
    }),
  };
}

/** A server field path as the form's name: targets[0].measure.element → targets.0.element. */
export function formName(field: string | undefined): (string | number)[] | null {
  if (!field) return null;
  const m = /^targets\[(\d+)\](?:\.measure)?(?:\.(\w+))?/.exec(field);
  if (m) {
    const i = Number(m[1]);
    const key = m[2];
    const known = [
      'code',
      'indicator',
      'element',
      'numerator',
      'denominator',
      'scale',
      'computed',
      'comparator',
      'value',
      'band',
      'unit',
      'kind',
      'deadline',
    ];
    return key && known.includes(key) ? ['targets', i, key] : ['targets', i, 'indicator'];
  }
  if (field.startsWith('taskRefs')) return ['tasks'];
  if (field === 'targets') return null;
  return ['seq', 'title', 'description', 'leadUnit'].includes(field) ? [field] : null;
}
