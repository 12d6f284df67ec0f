// Request and response schemas of the reporting API (forms, values, submissions, timeliness,
// notifications).
import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '../../common/error-schema';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const NullableString = Nullable(Type.String());

export const FormCode = Type.String({ minLength: 1, maxLength: 80 });
export const UnitCode = Type.String({ minLength: 1, maxLength: 20 });
export const PeriodCode = Type.String({ minLength: 4, maxLength: 10 });

export const Level = Type.Union([
  Type.Literal('county'),
  Type.Literal('city'),
  Type.Literal('department'),
  Type.Literal('province'),
]);

export const SubmissionState = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('approved'),
  Type.Literal('returned'),
]);

const FormElement = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  valueType: Type.String(),
  aggregation: Type.String(),
  min: NullableNumber,
  max: NullableNumber,
});

const Rule = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  left: Type.String(),
  operator: Type.String(),
  right: Type.String(),
  severity: Type.String(),
  message: Type.String(),
  origin: Type.String(),
});

export const Form = Type.Object({
  code: Type.String(),
  name: Type.String(),
  domainCode: NullableString,
  periodType: Type.String(),
  reporterLevel: Type.String(),
  approvalLevels: Type.Array(Type.String()),
  dueDays: Type.Integer(),
  expiryDays: Type.Integer(),
  reminderDaysBefore: Type.Integer(),
  active: Type.Boolean(),
  elements: Type.Array(FormElement),
  rules: Type.Array(Rule),
});

export const FormPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    dueDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    expiryDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 730 })),
    reminderDaysBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    approvalLevels: Type.Optional(Type.Array(Level, { minItems: 1, maxItems: 3 })),
    active: Type.Optional(Type.Boolean()),
    elements: Type.Optional(
      Type.Array(
        Type.Object(
          { code: Type.String({ maxLength: 80 }), min: NullableNumber, max: NullableNumber },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    rules: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 80 }),
            left: Type.String({ maxLength: 80 }),
            operator: Type.String({ maxLength: 2 }),
            right: Type.String({ maxLength: 80 }),
            severity: Type.Union([Type.Literal('blocking'), Type.Literal('warning')]),
            message: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const KeyQuery = Type.Object({ form: FormCode, unit: UnitCode, period: PeriodCode });

export const KeyBody = Type.Object(
  { formCode: FormCode, unitCode: UnitCode, period: PeriodCode },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object(
  {
    formCode: FormCode,
    unitCode: UnitCode,
    period: PeriodCode,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

const Issue = Type.Object({ severity: Type.String(), code: Type.String(), message: Type.String() });

export const Grid = Type.Object({
  form: Type.Object({
    code: Type.String(),
    name: Type.String(),
    periodType: Type.String(),
    domainCode: NullableString,
  }),
  unit: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  period: Type.String(),
  rollUp: Type.Boolean(),
  submission: Type.Object({
    id: Type.Union([Type.Integer(), Type.Null()]),
    state: SubmissionState,
    submittedAt: NullableString,
    firstSubmittedAt: NullableString,
    submittedBy: NullableString,
    reviewedAt: NullableString,
    reviewedBy: NullableString,
    reason: NullableString,
    onTime: Type.Union([Type.Boolean(), Type.Null()]),
    trail: Type.Array(
      Type.Object({
        action: Type.String(),
        from: Type.String(),
        to: Type.String(),
        reason: NullableString,
        at: Type.String(),
        by: Type.String(),
      }),
    ),
  }),
  deadlines: Type.Object({
    dueDate: Type.String(),
    expiryDate: Type.String(),
    expired: Type.Boolean(),
  }),
  permissions: Type.Object({
    edit: Type.Boolean(),
    submit: Type.Boolean(),
    approve: Type.Boolean(),
    return: Type.Boolean(),
    reopen: Type.Boolean(),
  }),
  filled: Type.Integer(),
  total: Type.Integer(),
  cells: Type.Array(
    Type.Object({
      elementCode: Type.String(),
      name: Type.String(),
      unit: Type.String(),
      valueType: Type.String(),
      aggregation: Type.String(),
      min: NullableNumber,
      max: NullableNumber,
      value: NullableNumber,
      version: Type.Integer(),
      comment: NullableString,
      previousValue: NullableNumber,
      updatedAt: NullableString,
      updatedBy: NullableString,
      issues: Type.Array(Issue),
      needsComment: Type.Boolean(),
    }),
  ),
  children: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      state: Type.String(),
      submittedAt: NullableString,
    }),
  ),
});

export const SaveBody = Type.Object(
  {
    formCode: Type.Optional(FormCode),
    values: Type.Array(
      Type.Object(
        {
          elementCode: Type.String({ minLength: 1, maxLength: 80 }),
          unitCode: UnitCode,
          period: PeriodCode,
          value: NullableNumber,
          comment: Type.Optional(Type.String({ maxLength: 2000 })),
          baseVersion: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5000 },
    ),
    dryRun: Type.Optional(Type.Boolean()),
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Indexed = Type.Object({
  index: Type.Integer(),
  field: Type.String(),
  message: Type.String(),
});
const KeyObject = Type.Object({
  formCode: Type.String(),
  unitCode: Type.String(),
  period: Type.String(),
});

export const SaveResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Array(Indexed),
  warnings: Type.Array(Indexed),
  saved: Type.Array(
    Type.Object({
      elementCode: Type.String(),
      unitCode: Type.String(),
      period: Type.String(),
      value: NullableNumber,
      version: Type.Integer(),
    }),
  ),
  submitted: Type.Array(KeyObject),
});

export const ConflictResponse = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(ErrorResponse.properties.details),
  conflicts: Type.Optional(
    Type.Array(
      Type.Object({
        index: Type.Integer(),
        elementCode: Type.String(),
        unitCode: Type.String(),
        period: Type.String(),
        yourValue: NullableNumber,
        baseVersion: Type.Optional(Type.Integer()),
        storedValue: Type.Optional(NullableNumber),
        storedVersion: Type.Optional(Type.Integer()),
        storedComment: Type.Optional(NullableString),
        updatedBy: Type.Optional(NullableString),
        updatedAt: Type.Optional(NullableString),
      }),
    ),
  ),
});

export const ExportedValue = Type.Object({
  elementCode: Type.String(),
  unitCode: Type.String(),
  period: Type.String(),
  value: Type.Number(),
  status: Type.String(),
  updatedAt: Type.String(),
});

export const Submission = Type.Object({
  id: Type.Integer(),
  formCode: Type.String(),
  unitCode: Type.String(),
  period: Type.String(),
  state: SubmissionState,
  submittedAt: NullableString,
  reviewedAt: NullableString,
  reason: NullableString,
});

export const InboxItem = Type.Object({
  id: Type.Integer(),
  formCode: Type.String(),
  unitCode: Type.String(),
  period: Type.String(),
  formName: Type.String(),
  unitName: Type.String(),
  submittedAt: NullableString,
  submittedBy: NullableString,
  dueDate: Type.String(),
  onTime: Type.Union([Type.Boolean(), Type.Null()]),
  rollUp: Type.Boolean(),
});

const RateFields = {
  expected: Type.Integer(),
  submitted: Type.Integer(),
  onTime: Type.Integer(),
  approved: Type.Integer(),
  reportingRate: NullableNumber,
  onTimeRate: NullableNumber,
};

export const Completeness = Type.Object({
  formCode: Type.String(),
  formName: Type.String(),
  period: Type.String(),
  dueDate: Type.String(),
  expiryDate: Type.String(),
  summary: Type.Object(RateFields),
  groups: Type.Array(
    Type.Object({ unitCode: Type.String(), unitName: Type.String(), ...RateFields }),
  ),
  units: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      parentCode: NullableString,
      rollUp: Type.Boolean(),
      state: Type.String(),
      firstSubmittedAt: NullableString,
      onTime: Type.Union([Type.Boolean(), Type.Null()]),
      late: Type.Boolean(),
    }),
  ),
});

export const LateItem = Type.Object({
  formCode: Type.String(),
  formName: Type.String(),
  period: Type.String(),
  dueDate: Type.String(),
  daysLate: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  parentCode: NullableString,
  state: Type.String(),
});

export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Object({
    formCode: Type.Optional(Type.String()),
    unitCode: Type.Optional(Type.String()),
    period: Type.Optional(Type.String()),
  }),
  createdAt: Type.String(),
  read: Type.Boolean(),
});

export { ErrorResponse };
