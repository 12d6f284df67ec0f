// Request and response schemas of the supervision (督办) and inspection (暗访督查) API.
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
export const Level = Type.Union([
  Type.Literal('general'),
  Type.Literal('key'),
  Type.Literal('listed'),
]);
export const Status = Type.Union([
  Type.Literal('open'),
  Type.Literal('replied'),
  Type.Literal('returned'),
  Type.Literal('closed'),
]);
export const Kind = Type.Union([Type.Literal('supervision'), Type.Literal('rectification')]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const Evidence = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

export const Item = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  level: Level,
  levelName: Type.String(),
  title: Type.String(),
  body: Type.String(),
  source: Type.Union([Type.Literal('manual'), Type.Literal('rule')]),
  ruleCode: Nullable(Type.String()),
  issuerUnitCode: Type.String(),
  issuerUnitName: Type.String(),
  issuedBy: Type.String(),
  targetUnitCode: Type.String(),
  targetUnitName: Type.String(),
  domainCode: Nullable(Type.String()),
  taskNumber: NullableInt,
  ledgerItemId: NullableInt,
  inspectionId: NullableInt,
  status: Status,
  statusName: Type.String(),
  replyDue: Type.String(),
  escalationLevel: Type.Integer(),
  overdue: Type.Boolean(),
  daysLate: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  /** What the reader may do with it now (the UI shows only these buttons). */
  canReply: Type.Boolean(),
  canDecide: Type.Boolean(),
});
export type ItemDto = Static<typeof Item>;

export const Event = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  text: Type.String(),
  actor: Type.String(),
  unitCode: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  at: Type.String(),
  evidence: Type.Array(Evidence),
});
export type EventDto = Static<typeof Event>;

export const ListQuery = Type.Object({
  status: Type.Optional(Status),
  level: Type.Optional(Level),
  kind: Type.Optional(Kind),
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  overdue: Type.Optional(Type.Boolean()),
});

export const IssueBody = Type.Object(
  {
    level: Level,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 5000 }),
    targetUnitCode: Type.String({ minLength: 1, maxLength: 40 }),
    replyDue: Type.Optional(Day),
    domainCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    taskNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    ledgerItemId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type IssueInput = Static<typeof IssueBody>;

export const AcceptBody = Type.Object(
  { text: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const ReturnBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    replyDue: Type.Optional(Day),
  },
  { additionalProperties: false },
);

const CountsByStatus = Type.Record(Type.String(), Type.Integer());

export const Board = Type.Object({
  today: Type.String(),
  summary: Type.Object({
    open: Type.Integer(),
    overdue: Type.Integer(),
    listed: Type.Integer(),
    closedThisMonth: Type.Integer(),
  }),
  /** level → status → count (closed included). */
  counts: Type.Record(Type.String(), CountsByStatus),
  overdue: Type.Array(Item),
  recentlyClosed: Type.Array(Item),
  units: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      open: Type.Integer(),
      overdue: Type.Integer(),
      listed: Type.Integer(),
    }),
  ),
});

export type BoardDto = Static<typeof Board>;

export const Rule = Type.Object({
  code: Type.String(),
  name: Type.String(),
  enabled: Type.Boolean(),
  params: Type.Record(Type.String(), Type.Unknown()),
});
export type RuleDto = Static<typeof Rule>;

export const RulesBody = Type.Object(
  {
    rules: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 40 }),
          enabled: Type.Boolean(),
          params: Type.Unknown(),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
  },
  { additionalProperties: false },
);
export type RulesInput = Static<typeof RulesBody>;

export const Inspection = Type.Object({
  id: Type.Integer(),
  place: Type.String(),
  cityCode: Type.String(),
  cityName: Type.String(),
  countyCode: Nullable(Type.String()),
  countyName: Nullable(Type.String()),
  visitedOn: Type.String(),
  inspectors: Type.Array(Type.String()),
  summary: Type.String(),
  domainCode: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
  photos: Type.Array(Evidence),
  items: Type.Array(Item),
});
export type InspectionDto = Static<typeof Inspection>;
