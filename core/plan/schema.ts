// The plan file format: a plan as data (domains → tasks → targets) plus the data elements
// that targets are computed from. One JSON Schema (built with TypeBox) serves the validator,
// the API's response schemas and the TypeScript types.
import { Type, type Static } from '@sinclair/typebox';

const Code = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' });
const IsoDate = Type.String({ format: 'date' });

export const ValueType = Type.Union([
  Type.Literal('integer'),
  Type.Literal('decimal'),
  Type.Literal('percentage'),
]);

/** flow: summed over time (新增就业人数); stock: the latest value counts (在园幼儿数). */
export const Aggregation = Type.Union([Type.Literal('flow'), Type.Literal('stock')]);

export const PeriodType = Type.Union([
  Type.Literal('month'),
  Type.Literal('quarter'),
  Type.Literal('year'),
]);

export const ReporterLevel = Type.Union([
  Type.Literal('county'),
  Type.Literal('city'),
  Type.Literal('department'),
]);

export const DataElement = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1 }),
    unit: Type.String({ minLength: 1 }),
    valueType: ValueType,
    aggregation: Aggregation,
    periodType: PeriodType,
    reportedBy: Type.Array(ReporterLevel, { minItems: 1, uniqueItems: true }),
    /** Department unit code that owns (reviews) the element. */
    owner: Type.Optional(Code),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** A target's indicator: one data element, or a ratio recomputed from its parts at every level. */
export const Measure = Type.Union([
  Type.Object({ element: Code }, { additionalProperties: false }),
  Type.Object(
    {
      numerator: Code,
      denominator: Code,
      /** 100 for percentages, 1000 for "per thousand" and so on. */
      scale: Type.Number({ exclusiveMinimum: 0 }),
    },
    { additionalProperties: false },
  ),
  /** Computed by a module from its own registry (e.g. service areas), not reported. */
  Type.Object({ computed: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
]);

export const Comparator = Type.Union([
  Type.Literal('>='),
  Type.Literal('<='),
  Type.Literal('≈'),
  Type.Literal('=='),
  /** Must fall every year (逐年下降). */
  Type.Literal('decreasing'),
]);

export const TargetKind = Type.Union([
  Type.Literal('cumulative'),
  Type.Literal('level'),
  Type.Literal('annual'),
  Type.Literal('maintain'),
]);

export const Scope = Type.Object(
  {
    /** province (default), region (粤东粤西粤北 …), or a road class for service areas. */
    type: Type.Union([Type.Literal('province'), Type.Literal('region'), Type.Literal('roadClass')]),
    regions: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    roadClass: Type.Optional(Type.String({ minLength: 1 })),
    /** What the target counts, in words, when narrower than the indicator (e.g. 街道). */
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const Milestone = Type.Object(
  { date: IsoDate, value: Type.Number() },
  { additionalProperties: false },
);

/** 分解指标: a province target split over units; the shares must add up to the target. */
export const Allocation = Type.Object(
  { unit: Code, value: Type.Number() },
  { additionalProperties: false },
);

export const Target = Type.Object(
  {
    code: Code,
    /** The exact phrase of the plan text. */
    text: Type.String({ minLength: 1 }),
    indicator: Type.String({ minLength: 1 }),
    measure: Measure,
    comparator: Comparator,
    value: Type.Number(),
    /** Half-width of the tolerated band for `≈` (5.5% 左右 → band 0.5). */
    band: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    unit: Type.String(),
    kind: TargetKind,
    start: Type.Optional(IsoDate),
    deadline: IsoDate,
    baseline: Type.Optional(
      Type.Object(
        { value: Type.Number(), date: IsoDate, source: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    scope: Type.Optional(Scope),
    milestones: Type.Optional(Type.Array(Milestone)),
    allocations: Type.Optional(Type.Array(Allocation)),
    /** Why a reading of the text was chosen, where the text is open to more than one. */
    assumption: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const Task = Type.Object(
  {
    number: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 1 }),
    summary: Type.Optional(Type.String()),
    targets: Type.Array(Target),
    /** Commitments of the text that carry no number (qualitative goals), kept for the ledger. */
    qualitativeGoals: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

export const Domain = Type.Object(
  {
    code: Code,
    number: Type.Integer({ minimum: 1 }),
    name: Type.String({ minLength: 1 }),
    summary: Type.Optional(Type.String()),
    leadUnits: Type.Array(Code, { minItems: 1 }),
    /** Domain-level targets (e.g. the 12345 hotline's 98% in the heading of domain 九). */
    targets: Type.Optional(Type.Array(Target)),
    tasks: Type.Array(Task),
    assumption: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const PlanUnit = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1 }),
    nameEn: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const Plan = Type.Object(
  {
    formatVersion: Type.Literal(1),
    id: Code,
    title: Type.String({ minLength: 1 }),
    titleEn: Type.Optional(Type.String()),
    issuer: Type.String({ minLength: 1 }),
    documentNumber: Type.Optional(Type.String()),
    issuedOn: IsoDate,
    /** GB/T 2260 code of the area the plan covers (440000 for Guangdong). */
    area: Type.String({ pattern: '^[0-9]{6}$' }),
    start: IsoDate,
    end: IsoDate,
    /** Departments referenced as lead units and data owners. */
    units: Type.Array(PlanUnit, { minItems: 1 }),
    dataElements: Type.Array(DataElement),
    domains: Type.Array(Domain, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type Plan = Static<typeof Plan>;
export type Domain = Static<typeof Domain>;
export type Task = Static<typeof Task>;
export type Target = Static<typeof Target>;
export type DataElement = Static<typeof DataElement>;
export type Measure = Static<typeof Measure>;
export type TargetKind = Static<typeof TargetKind>;
export type Comparator = Static<typeof Comparator>;
export type PlanUnit = Static<typeof PlanUnit>;
