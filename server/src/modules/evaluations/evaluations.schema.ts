// Request and response schemas of the mid-term evaluation API; the web app imports the types.
import { Type, type Static } from '@sinclair/typebox';
import type { EvaluationSnapshot, EvaluationSummary } from '../../../../core/evaluation';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ActionSchema = Type.Union([
  Type.Literal('keep'),
  Type.Literal('raise'),
  Type.Literal('lower'),
  Type.Literal('replace'),
  Type.Literal('drop'),
]);

export const EvaluationListItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  asOf: Type.String(),
  planRevisionId: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('signed')]),
  createdBy: Type.String(),
  createdAt: Type.String(),
  signedBy: Nullable(Type.String()),
  signedAt: Nullable(Type.String()),
  signComment: Nullable(Type.String()),
  version: Type.Integer(),
  assessed: Type.Integer(),
});
export type EvaluationListItem = Static<typeof EvaluationListItem>;

export const EvaluationList = Type.Object({
  evaluations: Type.Array(EvaluationListItem),
  canManage: Type.Boolean(),
});
export type EvaluationList = Static<typeof EvaluationList>;

export const AssessmentView = Type.Object({
  targetCode: Type.String(),
  domainCode: Type.String(),
  action: ActionSchema,
  text: Type.String(),
  proposedValue: Type.Union([Type.Number(), Type.Null()]),
  assessedBy: Type.String(),
  assessedUnit: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type AssessmentView = Static<typeof AssessmentView>;

/** The frozen figures as core/evaluation builds them. */
const Snapshot = Type.Unsafe<EvaluationSnapshot>(Type.Object({}, { additionalProperties: true }));
const Summary = Type.Unsafe<EvaluationSummary>(Type.Object({}, { additionalProperties: true }));

export const EvaluationDetail = Type.Composite([
  Type.Omit(EvaluationListItem, ['assessed']),
  Type.Object({
    snapshot: Snapshot,
    assessments: Type.Array(AssessmentView),
    summary: Summary,
    canManage: Type.Boolean(),
    /** Domains whose targets the caller may assess ('all' for the supervision office). */
    assessableDomains: Type.Array(Type.String()),
  }),
]);
export type EvaluationDetail = Static<typeof EvaluationDetail>;

export const CreateBody = Type.Object(
  {
    asOf: Type.String({ maxLength: 10 }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreateBody = Static<typeof CreateBody>;

export const AssessBody = Type.Object(
  {
    action: Type.String({ maxLength: 20 }),
    text: Type.String({ maxLength: 4000 }),
    proposedValue: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    /** The version read; absent for a target not assessed yet. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type AssessBody = Static<typeof AssessBody>;

export const SignBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type SignBody = Static<typeof SignBody>;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const AssessParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  targetCode: Type.String({ minLength: 1, maxLength: 40 }),
});
