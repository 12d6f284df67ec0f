// Request and response schemas of the analytics API.
import { Type } from '@sinclair/typebox';

export const AnalyticsQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ maxLength: 20, description: '单位代码，默认本单位或全省' })),
    period: Type.Optional(
      Type.String({ maxLength: 10, description: '期间（2025、2025Q3、2025-07），默认今天' }),
    ),
    includeSubmitted: Type.Optional(
      Type.Boolean({ description: '包含已报送未审核的数据（标注为未审核）' }),
    ),
  },
  { additionalProperties: false },
);

export const TargetParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const num = () => Nullable(Type.Number());
const str = () => Type.Union([Type.String(), Type.Null()]);

export const StatusEnum = Type.Union([
  Type.Literal('achieved'),
  Type.Literal('on_track'),
  Type.Literal('at_risk'),
  Type.Literal('off_track'),
  Type.Literal('no_data'),
]);

const Counts = Type.Object({
  achieved: Type.Integer(),
  on_track: Type.Integer(),
  at_risk: Type.Integer(),
  off_track: Type.Integer(),
  no_data: Type.Integer(),
});

const Unit = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  region: str(),
});

export const TargetRow = Type.Object({
  code: Type.String(),
  domainCode: Type.String(),
  taskNumber: Type.Union([Type.Integer(), Type.Null()]),
  indicator: Type.String(),
  text: Type.String(),
  comparator: Type.String(),
  target: Type.Number(),
  band: num(),
  unit: Type.String(),
  kind: Type.String(),
  deadline: Type.String(),
  status: StatusEnum,
  value: num(),
  through: str(),
  expected: num(),
  progress: num(),
  forecast: num(),
  forecastYear: num(),
  achievement: num(),
  targetBasis: Type.Union([
    Type.Literal('plan'),
    Type.Literal('allocation'),
    Type.Literal('share'),
  ]),
  provisional: Type.Boolean(),
  reason: Type.String(),
  years: Type.Optional(
    Type.Array(
      Type.Object({
        year: Type.Integer(),
        value: Type.Number(),
        complete: Type.Boolean(),
        met: Type.Boolean(),
      }),
    ),
  ),
});

const Meta = {
  asOf: Type.String(),
  includeSubmitted: Type.Boolean(),
  /** The plan revision in force at asOf, whose targets the figures are judged against. */
  planRevision: Type.Optional(
    Type.Object({ number: Type.Integer(), effectiveFrom: Type.String() }),
  ),
};

export const OverviewResponse = Type.Object({
  ...Meta,
  unit: Unit,
  counts: Counts,
  domains: Type.Array(
    Type.Object({
      code: Type.String(),
      number: Type.Integer(),
      name: Type.String(),
      counts: Counts,
      targets: Type.Array(TargetRow),
    }),
  ),
  offTrack: Type.Array(TargetRow),
});

const ChartPoint = Type.Object({
  date: Type.String(),
  value: Type.Number(),
  provisional: Type.Optional(Type.Boolean()),
});

export const TargetDetailResponse = Type.Object({
  ...Meta,
  unit: Unit,
  target: TargetRow,
  trend: Type.Object({
    actual: Type.Array(ChartPoint),
    trajectory: Type.Array(ChartPoint),
    forecast: Type.Array(ChartPoint),
  }),
  /** The target across plan revisions: where its value or deadline moved (动态调整). */
  history: Type.Optional(
    Type.Array(
      Type.Object({
        revision: Type.Integer(),
        effectiveFrom: Type.String(),
        reason: Type.String(),
        present: Type.Boolean(),
        value: Type.Union([Type.Number(), Type.Null()]),
        deadline: Type.Union([Type.String(), Type.Null()]),
        unit: Type.Union([Type.String(), Type.Null()]),
        comparator: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  ),
});

export const TargetUnitsResponse = Type.Object({
  ...Meta,
  parent: Unit,
  target: TargetRow,
  units: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      level: Type.String(),
      region: str(),
      rank: Type.Union([Type.Integer(), Type.Null()]),
      status: StatusEnum,
      target: Type.Number(),
      targetBasis: Type.Union([
        Type.Literal('plan'),
        Type.Literal('allocation'),
        Type.Literal('share'),
      ]),
      value: num(),
      through: str(),
      progress: num(),
      achievement: num(),
      provisional: Type.Boolean(),
      reason: Type.String(),
    }),
  ),
});

export const RegionsResponse = Type.Object({
  ...Meta,
  target: Type.Object({
    code: Type.String(),
    indicator: Type.String(),
    unit: Type.String(),
    text: Type.String(),
  }),
  regions: Type.Array(Type.String()),
  dispersionOf: Type.Union([Type.Literal('value'), Type.Literal('progress')]),
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      date: Type.String(),
      regions: Type.Record(Type.String(), num()),
      gap: num(),
      highest: str(),
      lowest: str(),
      cities: Type.Integer(),
      cv: num(),
      theil: num(),
    }),
  ),
});

export const CitiesResponse = Type.Object({
  ...Meta,
  targets: Type.Integer(),
  cities: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.String(),
      region: str(),
      counts: Counts,
      assessed: Type.Integer(),
      onTrackShare: num(),
      rank: Type.Union([Type.Integer(), Type.Null()]),
      lateReports: Type.Union([Type.Integer(), Type.Null()]),
      /** Supervision and rectification items addressed to the city or its counties, not closed. */
      openSupervision: Type.Integer(),
      overdueSupervision: Type.Integer(),
    }),
  ),
  notes: Type.Array(Type.String()),
});

export const PublishedResponse = Type.Object({
  targets: Type.Array(
    Type.Object({ code: Type.String(), publishedAt: Type.String(), publishedBy: Type.String() }),
  ),
});

export const PublicProgressResponse = Type.Object({
  asOf: Type.String(),
  title: Type.String(),
  targets: Type.Array(
    Type.Object({
      code: Type.String(),
      domainName: Type.String(),
      text: Type.String(),
      indicator: Type.String(),
      comparator: Type.String(),
      target: Type.Number(),
      unit: Type.String(),
      deadline: Type.String(),
      status: StatusEnum,
      value: num(),
      through: str(),
      progress: num(),
      reason: Type.String(),
    }),
  ),
});

// Number first: with type coercion on, a union tries its members in order.
const Cell = Type.Union([Type.Number(), Type.String({ maxLength: 2000 }), Type.Null()]);
export const ExportBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    columns: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 50 }),
    rows: Type.Array(Type.Array(Cell, { maxItems: 50 }), { maxItems: 5000 }),
  },
  { additionalProperties: false },
);
