// Request and response schemas of the plan API: the plan at a date, revisions, their diff, and
// 动态调整 (target change requests and their review).
import { Type, type Static } from '@sinclair/typebox';
import { Plan } from '../../../../core/plan/schema';
import { TargetChange } from '../../../../core/plan/revisions';

const IsoDate = Type.String({ format: 'date' });

export const RevisionInfo = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  importedAt: Type.String(),
  reason: Type.String(),
  effectiveFrom: Type.String(),
});

export const PlanResponse = Type.Object({ revision: RevisionInfo, plan: Plan });

export const PlanAtQuery = Type.Object({ at: Type.Optional(IsoDate) });

export const RevisionSummary = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  effectiveFrom: Type.String(),
  reason: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  targets: Type.Integer(),
  /** The revision in force today. */
  inForce: Type.Boolean(),
  /** The approved change request that made it, if any. */
  changeRequestId: Type.Union([Type.Integer(), Type.Null()]),
});

export const NumberParams = Type.Object({
  number: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

const FieldChange = Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() });
export const TargetDiff = Type.Object({
  code: Type.String(),
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  domainCode: Type.String(),
  taskNumber: Type.Union([Type.Integer(), Type.Null()]),
  indicator: Type.String(),
  fields: Type.Array(FieldChange),
});

export const DiffQuery = Type.Object({
  from: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  to: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

export const DiffResponse = Type.Object({
  from: RevisionSummary,
  to: RevisionSummary,
  /** The revisions after `from` up to `to`, each with its reason. */
  steps: Type.Array(RevisionSummary),
  targets: Type.Array(TargetDiff),
});

export const ProposeBody = Type.Object(
  {
    changes: Type.Array(TargetChange, { minItems: 1, maxItems: 50 }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    effectiveFrom: IsoDate,
  },
  { additionalProperties: false },
);
export type ProposeBody = Static<typeof ProposeBody>;

export const ReviewBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    /** The version the reviewer saw (optimistic concurrency); optional. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const ChangeRequest = Type.Object({
  id: Type.Integer(),
  status: Type.Union([
    Type.Literal('proposed'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('withdrawn'),
  ]),
  changes: Type.Array(TargetChange),
  /** The changes as from → to against the revision they were written for. */
  diff: Type.Array(TargetDiff),
  domainCodes: Type.Array(Type.String()),
  reason: Type.String(),
  effectiveFrom: Type.String(),
  proposedBy: Type.String(),
  proposedUnit: Type.Union([Type.String(), Type.Null()]),
  proposedUnitName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  baseRevision: Type.Union([Type.Integer(), Type.Null()]),
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  reviewComment: Type.Union([Type.String(), Type.Null()]),
  revision: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer(),
  canReview: Type.Boolean(),
  canWithdraw: Type.Boolean(),
});
export type ChangeRequestDto = Static<typeof ChangeRequest>;

export const TargetHistoryEntry = Type.Object({
  revision: Type.Integer(),
  effectiveFrom: Type.String(),
  reason: Type.String(),
  /** false from the revision that dropped the target. */
  present: Type.Boolean(),
  value: Type.Union([Type.Number(), Type.Null()]),
  deadline: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([Type.String(), Type.Null()]),
  comparator: Type.Union([Type.String(), Type.Null()]),
});
export type TargetHistoryEntry = Static<typeof TargetHistoryEntry>;
