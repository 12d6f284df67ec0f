// Request and response shapes of the 优秀案例评选 API.
import { Type, type Static } from '@sinclair/typebox';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const TieRule = Type.Union([
  Type.Literal('top_criterion'),
  Type.Literal('criteria_by_weight'),
  Type.Literal('earliest_submission'),
]);
const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('open'),
  Type.Literal('reviewing'),
  Type.Literal('closed'),
  Type.Literal('published'),
]);

export const Criterion = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 32 }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
});

export const CallBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.String({ maxLength: 2000 }),
    domainCodes: Type.Array(Type.String({ minLength: 1 }), { maxItems: 20 }),
    submissionDeadline: IsoDate,
    reviewDeadline: IsoDate,
    criteria: Type.Array(Criterion, { minItems: 1, maxItems: 10 }),
    scaleMax: Type.Integer({ minimum: 1, maximum: 1000 }),
    winners: Type.Integer({ minimum: 1, maximum: 100 }),
    tieRule: Type.Optional(TieRule),
  },
  { additionalProperties: false },
);
export type CallInput = Static<typeof CallBody>;

export const StatusBody = Type.Object(
  { status: Type.Union([Type.Literal('open'), Type.Literal('reviewing'), Type.Literal('closed')]) },
  { additionalProperties: false },
);

export const ReviewersBody = Type.Object(
  { userIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { maxItems: 50 }) },
  { additionalProperties: false },
);

export const ScoreBody = Type.Object(
  {
    scores: Type.Record(Type.String(), Type.Number()),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ScoreInput = Static<typeof ScoreBody>;

export const Reviewer = Type.Object({
  userId: Type.Integer(),
  displayName: Type.String(),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]),
  scored: Type.Integer(),
});

export const Call = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  domainCodes: Type.Array(Type.String()),
  submissionDeadline: IsoDate,
  reviewDeadline: IsoDate,
  criteria: Type.Array(Criterion),
  scaleMax: Type.Integer(),
  winners: Type.Integer(),
  tieRule: TieRule,
  tieRuleText: Type.String(),
  status: Status,
  statusText: Type.String(),
  submissions: Type.Integer(),
  acceptingSubmissions: Type.Boolean(),
  createdAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  /** What the caller may do with the call. */
  canManage: Type.Boolean(),
  canSubmit: Type.Boolean(),
  isReviewer: Type.Boolean(),
});
export type CallDto = Static<typeof Call>;

export const Attachment = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

export const Figure = Type.Object({
  label: Type.String({ maxLength: 50 }),
  value: Type.Number(),
  unit: Type.String({ maxLength: 20 }),
});

export const SubmissionData = Type.Object(
  {
    title: Type.String(),
    domainCode: Type.String(),
    taskNumber: Type.Integer({ minimum: 1, maximum: 1000 }),
    summary: Type.String(),
    results: Type.String(),
    figures: Type.Array(Figure),
    /** On edit: attachments to drop. */
    removeAttachmentIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { maxItems: 10 }),
    ),
  },
  { additionalProperties: false },
);
export type SubmissionDataInput = Static<typeof SubmissionData>;

export const MyScore = Type.Object({
  scores: Type.Record(Type.String(), Type.Number()),
  weighted: Type.Number(),
  comment: Type.String(),
  scoredAt: Type.String(),
});

export const Submission = Type.Object({
  id: Type.Integer(),
  callId: Type.Integer(),
  title: Type.String(),
  domainCode: Type.String(),
  domainName: Type.String(),
  taskNumber: Type.Integer(),
  taskTitle: Type.String(),
  summary: Type.String(),
  results: Type.String(),
  figures: Type.Array(Figure),
  unitCode: Type.String(),
  unitName: Type.String(),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  updatedAt: Type.String(),
  attachments: Type.Array(Attachment),
  editable: Type.Boolean(),
  /** For a reviewer: may score it now (assigned, no conflict, not yet scored, review running). */
  canScore: Type.Boolean(),
  /** The caller's own score sheet, if they scored it; never anyone else's. */
  myScore: Type.Union([MyScore, Type.Null()]),
  finalRank: Type.Union([Type.Integer(), Type.Null()]),
  finalScore: Type.Union([Type.Number(), Type.Null()]),
  winner: Type.Boolean(),
});
export type SubmissionDto = Static<typeof Submission>;

export const CallDetail = Type.Object({
  call: Call,
  submissions: Type.Array(Submission),
  reviewers: Type.Array(Reviewer),
});

export const RankingRow = Type.Object({
  rank: Type.Integer(),
  submissionId: Type.Integer(),
  title: Type.String(),
  unitName: Type.String(),
  submittedAt: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()]),
  byCriterion: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
  reviewers: Type.Integer(),
  tieBrokenBy: Type.Union([Type.String(), Type.Null()]),
  winner: Type.Boolean(),
  /** Per-reviewer sheets: only once the review is over (closed, or past its deadline). */
  sheets: Type.Union([
    Type.Array(
      Type.Object({
        reviewer: Type.String(),
        scores: Type.Record(Type.String(), Type.Number()),
        weighted: Type.Number(),
        comment: Type.String(),
      }),
    ),
    Type.Null(),
  ]),
});

export const Ranking = Type.Object({
  callId: Type.Integer(),
  tieRuleText: Type.String(),
  revealed: Type.Boolean(),
  winners: Type.Integer(),
  rows: Type.Array(RankingRow),
});

export const Candidate = Type.Object({
  userId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitName: Type.Union([Type.String(), Type.Null()]),
});

export const PublicCase = Type.Object({
  id: Type.Integer(),
  callTitle: Type.String(),
  publishedAt: Type.String(),
  rank: Type.Integer(),
  score: Type.Number(),
  title: Type.String(),
  unitName: Type.String(),
  domainName: Type.String(),
  taskNumber: Type.Integer(),
  summary: Type.String(),
  results: Type.String(),
  figures: Type.Array(Figure),
  attachments: Type.Array(Attachment),
});
export const PublicCases = Type.Object({ cases: Type.Array(PublicCase) });
export type PublicCasesResponse = Static<typeof PublicCases>;
