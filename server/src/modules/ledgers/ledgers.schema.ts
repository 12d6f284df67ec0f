// Request and response shapes of the ledger API (TypeBox). Field rules with Chinese messages
// live in core/tasking/ledger-validation.ts, shared with the Excel import.
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Day = Type.String({ maxLength: 20 });
const Code = Type.String({ maxLength: 60 });

export const Status = Type.Union([
  Type.Literal('not_started'),
  Type.Literal('on_track'),
  Type.Literal('at_risk'),
  Type.Literal('delayed'),
  Type.Literal('done'),
]);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const ListQuery = Type.Object({
  task: Type.Optional(Type.Integer({ minimum: 1 })),
  domain: Type.Optional(Code),
  city: Type.Optional(Code),
  status: Type.Optional(Status),
  owner: Type.Optional(Code),
});

export const MilestoneBody = Type.Object(
  {
    /** Present when editing an existing milestone (keeps the reports that point at it). */
    id: Type.Optional(Type.Integer({ minimum: 1 })),
    title: Type.String({ maxLength: 200 }),
    dueDate: Day,
    definitionOfDone: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

const ItemFields = {
  taskNumber: Type.Integer({ minimum: 1 }),
  title: Type.String({ maxLength: 400 }),
  description: Type.String({ maxLength: 8000 }),
  ownerUnitCode: Code,
  cooperatingUnits: Type.Array(Code, { maxItems: 50 }),
  cityCode: Nullable(Code),
  startDate: Day,
  dueDate: Day,
  budget: Nullable(Type.Number()),
  targetCodes: Type.Array(Code, { maxItems: 50 }),
  milestones: Type.Array(MilestoneBody, { maxItems: 50 }),
};

export const CreateBody = Type.Object(ItemFields, { additionalProperties: false });
export const UpdateBody = Type.Object(
  { ...ItemFields, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type CreateBody = Static<typeof CreateBody>;
export type UpdateBody = Static<typeof UpdateBody>;

export const MilestoneView = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  dueDate: Type.String(),
  definitionOfDone: Type.String(),
  doneOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

export const ItemView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  taskNumber: Type.Integer(),
  taskTitle: Type.String(),
  domainCode: Type.String(),
  title: Type.String(),
  description: Type.String(),
  ownerUnitCode: Type.String(),
  ownerUnitName: Type.String(),
  cooperatingUnits: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  cityCode: Nullable(Type.String()),
  cityName: Nullable(Type.String()),
  startDate: Type.String(),
  dueDate: Type.String(),
  budget: Nullable(Type.Number()),
  targetCodes: Type.Array(Type.String()),
  percentDone: Type.Number(),
  status: Status,
  statusReason: Type.String(),
  statusOverrideReason: Nullable(Type.String()),
  lastReportedAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Type.String(),
  milestones: Type.Array(MilestoneView),
  canEdit: Type.Boolean(),
  canReport: Type.Boolean(),
});
export type ItemView = Static<typeof ItemView>;

export const StatusCounts = Type.Object({
  not_started: Type.Integer(),
  on_track: Type.Integer(),
  at_risk: Type.Integer(),
  delayed: Type.Integer(),
  done: Type.Integer(),
});

export const ListResponse = Type.Object({
  items: Type.Array(ItemView),
  counts: StatusCounts,
  total: Type.Integer(),
});
export type ListResponse = Static<typeof ListResponse>;

export const EvidenceView = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

export const ReportView = Type.Object({
  id: Type.Integer(),
  milestoneId: Nullable(Type.Integer()),
  milestoneTitle: Nullable(Type.String()),
  percentDone: Type.Number(),
  text: Type.String(),
  proposedStatus: Status,
  status: Status,
  overrideReason: Nullable(Type.String()),
  reportedAt: Type.String(),
  reportedBy: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  evidence: Type.Array(EvidenceView),
});
export type ReportView = Static<typeof ReportView>;

export const DetailResponse = Type.Object({ item: ItemView, reports: Type.Array(ReportView) });
export type DetailResponse = Static<typeof DetailResponse>;

export const ProposalQuery = Type.Object({
  percentDone: Type.Number({ minimum: 0, maximum: 100 }),
  milestoneId: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const ProposalResponse = Type.Object({ status: Status, reason: Type.String() });
export type ProposalResponse = Static<typeof ProposalResponse>;

export const ReportResponse = Type.Object({
  reportId: Type.Integer(),
  status: Status,
  proposedStatus: Status,
  percentDone: Type.Number(),
  version: Type.Integer(),
  evidence: Type.Array(EvidenceView),
});
export type ReportResponse = Static<typeof ReportResponse>;

export const ExportQuery = Type.Object({
  task: Type.Optional(Type.Integer({ minimum: 1 })),
  domain: Type.Optional(Code),
});
export const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean()) });

export const ImportError = Type.Object({
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
  unchanged: Type.Integer(),
  createdCodes: Type.Array(Type.String()),
  updatedCodes: Type.Array(Type.String()),
  errors: Type.Array(ImportError),
});
export type ImportReport = Static<typeof ImportReport>;
