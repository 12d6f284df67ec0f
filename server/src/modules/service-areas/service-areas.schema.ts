// Request and response shapes of the service-area API (TypeBox). Field-level rules with
// Chinese messages live in service-areas.validation.ts, shared with the import.
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const AreaBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    road: Type.String({ maxLength: 200 }),
    roadClass: Type.String({ maxLength: 40 }),
    direction: Type.String({ maxLength: 80 }),
    cityCode: Type.String({ maxLength: 40 }),
    countyCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    longitude: Type.Number(),
    latitude: Type.Number(),
    parkingSpaces: Type.Number(),
    chargingSpaces: Type.Number(),
    chargerCount: Type.Number(),
    chargerPowerKw: Type.Number(),
    status: Type.String({ maxLength: 40 }),
    statusDate: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    operator: Type.Optional(Type.String({ maxLength: 200 })),
    effectiveDate: Type.Optional(Type.String({ maxLength: 20 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const AreaCompliance = {
  thresholdPercent: Type.Union([Type.Number(), Type.Null()]),
  ratioPercent: Type.Union([Type.Number(), Type.Null()]),
  required: Type.Union([Type.Integer(), Type.Null()]),
  gap: Type.Integer(),
  compliant: Type.Union([Type.Boolean(), Type.Null()]),
};

const AreaFields = {
  id: Type.Integer(),
  name: Type.String(),
  road: Type.String(),
  roadClass: Type.String(),
  direction: Type.String(),
  cityCode: Type.String(),
  countyCode: Nullable(Type.String()),
  longitude: Type.Number(),
  latitude: Type.Number(),
  parkingSpaces: Type.Integer(),
  chargingSpaces: Type.Integer(),
  chargerCount: Type.Integer(),
  chargerPowerKw: Type.Number(),
  status: Type.String(),
  statusDate: Nullable(Type.String()),
  operator: Type.String(),
};

export const AreaItem = Type.Object({
  ...AreaFields,
  cityName: Type.String(),
  countyName: Nullable(Type.String()),
  validFrom: Type.String(),
  updatedAt: Type.String(),
  editable: Type.Boolean(),
  ...AreaCompliance,
});

export const AreaDetail = Type.Object({
  ...AreaFields,
  validFrom: Type.String(),
  updatedAt: Type.String(),
});

export const HistoryItem = Type.Object({
  id: Type.Integer(),
  change: Type.String(),
  validFrom: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  reason: Nullable(Type.String()),
  parkingSpaces: Type.Integer(),
  chargingSpaces: Type.Integer(),
  chargerCount: Type.Integer(),
  status: Type.String(),
  statusDate: Nullable(Type.String()),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const DeleteBody = Type.Object(
  {
    effectiveDate: Type.Optional(Type.String({ maxLength: 20 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const ImportBody = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    /** The file's bytes, base64-encoded. */
    contentBase64: Type.String({ minLength: 1 }),
    dryRun: Type.Optional(Type.Boolean()),
    mode: Type.Optional(Type.Union([Type.Literal('create'), Type.Literal('upsert')])),
  },
  { additionalProperties: false },
);

const Problem = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  column: Type.String(),
  message: Type.String(),
});

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  sheet: Type.String(),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(Problem),
  warnings: Type.Array(Problem),
  ignoredColumns: Type.Array(Type.String()),
});

export const ThresholdQuery = {
  expressway: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  national: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
};

export const ComplianceQuery = Type.Object({
  ...ThresholdQuery,
  at: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const GapPlanQuery = Type.Object({
  ...ThresholdQuery,
  fromYear: Type.Optional(Type.Integer({ minimum: 2023, maximum: 2100 })),
  toYear: Type.Optional(Type.Integer({ minimum: 2023, maximum: 2100 })),
  spread: Type.Optional(Type.Union([Type.Literal('even'), Type.Literal('front-loaded')])),
});

const ClassSummary = Type.Object({
  roadClass: Type.String(),
  thresholdPercent: Type.Number(),
  areas: Type.Integer(),
  parkingSpaces: Type.Integer(),
  chargingSpaces: Type.Integer(),
  ratioPercent: Type.Union([Type.Number(), Type.Null()]),
  assessed: Type.Integer(),
  compliant: Type.Integer(),
  compliantSharePercent: Type.Union([Type.Number(), Type.Null()]),
  gap: Type.Integer(),
  aggregateGap: Type.Integer(),
});

const GroupSummary = {
  expressway: ClassSummary,
  national: ClassSummary,
  gap: Type.Integer(),
};

export const ComplianceResponse = Type.Object({
  at: Type.String(),
  thresholds: Type.Object({ expressway: Type.Number(), national: Type.Number() }),
  areas: Type.Integer(),
  province: Type.Union([Type.Object(GroupSummary), Type.Null()]),
  cities: Type.Array(
    Type.Object({
      cityCode: Type.String(),
      cityName: Type.String(),
      newOrUpgraded: Type.Integer(),
      ...GroupSummary,
    }),
  ),
  newOrUpgraded: Type.Object({ count: Type.Integer(), target: Type.Integer() }),
  fixFirst: Type.Array(Type.Object({ ...AreaFields, cityName: Type.String(), ...AreaCompliance })),
});

export const GapPlanResponse = Type.Object({
  years: Type.Array(Type.Integer()),
  rows: Type.Array(
    Type.Object({
      key: Type.String(),
      cityName: Type.String(),
      gap: Type.Integer(),
      expresswayGap: Type.Integer(),
      nationalGap: Type.Integer(),
      perYear: Type.Array(Type.Integer()),
    }),
  ),
  totals: Type.Array(Type.Integer()),
  total: Type.Integer(),
});
