// Request and response shapes of the 十件民生实事 API. Targets are checked against the plan
// format by core/practical-matters (placed Chinese messages), not by the route schema.
import { Type, type Static } from '@sinclair/typebox';
import { StatusEnum, TargetRow } from '../analytics/analytics.schema';

export const TaskRefSchema = Type.Object(
  {
    domainCode: Type.String({ minLength: 1, maxLength: 20 }),
    taskNumber: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);

export const MatterBody = Type.Object(
  {
    year: Type.Integer({ minimum: 1900, maximum: 2999 }),
    seq: Type.Integer({ minimum: -1000, maximum: 1000 }),
    title: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.String({ maxLength: 2000 }),
    leadUnit: Type.String({ minLength: 1, maxLength: 40 }),
    taskRefs: Type.Array(TaskRefSchema, { maxItems: 20 }),
    /** Plan-format targets (core/plan/schema.ts `Target`). */
    targets: Type.Array(Type.Unknown(), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type MatterBodyT = Static<typeof MatterBody>;

export const MatterUpdateBody = Type.Composite([
  MatterBody,
  Type.Object({ version: Type.Integer({ minimum: 1 }) }),
]);
export type MatterUpdateBodyT = Static<typeof MatterUpdateBody>;

export const YearQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999 })) },
  { additionalProperties: false },
);
export const VersionQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

const TaskLink = Type.Object({
  domainCode: Type.String(),
  taskNumber: Type.Integer(),
  title: Type.String(),
  domainName: Type.String(),
});

export const Matter = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  seq: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  leadUnit: Type.String(),
  leadUnitName: Type.String(),
  taskRefs: Type.Array(TaskLink),
  /** The targets as defined (plan format), for editing. */
  targets: Type.Array(Type.Unknown()),
  /** Each target's status at `asOf`, as in the dashboard. */
  rows: Type.Array(TargetRow),
  status: StatusEnum,
  version: Type.Integer(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});
export type MatterDto = Static<typeof Matter>;

const Counts = Type.Object({
  achieved: Type.Integer(),
  on_track: Type.Integer(),
  at_risk: Type.Integer(),
  off_track: Type.Integer(),
  no_data: Type.Integer(),
});

export const MatterList = Type.Object({
  year: Type.Integer(),
  asOf: Type.String(),
  years: Type.Array(Type.Integer()),
  canManage: Type.Boolean(),
  counts: Counts,
  matters: Type.Array(Matter),
});
export type MatterListDto = Static<typeof MatterList>;

export const MatterOne = Type.Object({ asOf: Type.String(), matter: Matter });
