import { Type, type Static } from '@sinclair/typebox';

/** A file or text download (xlsx, csv, JSON text); sent as it is, never serialised. */
export const FileBody = Type.Unsafe<Buffer | string>({ type: 'string', format: 'binary' });

const Code = Type.String({ minLength: 1, maxLength: 100 });
/** Comma-separated list in one query parameter (`units=441403,441402`). */
const CodeList = Type.String({ maxLength: 20_000 });

export const TemplateQuery = Type.Object(
  {
    formCode: Code,
    units: Type.Optional(CodeList),
    from: Type.String({ minLength: 4, maxLength: 10, description: '2025, 2025Q3 or 2025-07' }),
    to: Type.Optional(Type.String({ minLength: 4, maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type TemplateQuery = Static<typeof TemplateQuery>;

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false })),
    submit: Type.Optional(
      Type.Boolean({
        description: 'also submit the affected forms; upload time = submission time',
      }),
    ),
    formCode: Type.Optional(Code),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

export const JsonValue = Type.Object(
  {
    elementCode: Code,
    unitCode: Code,
    period: Type.String({ minLength: 4, maxLength: 10 }),
    value: Type.Number(),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const JsonImportBody = Type.Object(
  {
    formCode: Type.Optional(Code),
    dryRun: Type.Optional(Type.Boolean()),
    submit: Type.Optional(Type.Boolean()),
    values: Type.Array(JsonValue, { minItems: 1, maxItems: 100_000 }),
  },
  { additionalProperties: false },
);
export type JsonImportBody = Static<typeof JsonImportBody>;

export const PlacedErrorSchema = Type.Object({
  sheet: Type.Optional(Type.String()),
  row: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  message: Type.String({ description: 'Chinese, beginning with the place' }),
});

const ImportSummarySchema = Type.Object({
  total: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
});

export const ImportResult = Type.Object({
  source: Type.String(),
  dryRun: Type.Boolean(),
  stored: Type.Boolean(),
  submitted: Type.Boolean(),
  receivedAt: Type.String(),
  formCodes: Type.Array(Type.String()),
  summary: ImportSummarySchema,
  errors: Type.Array(PlacedErrorSchema),
  errorCount: Type.Integer(),
});

/** A refused import: the usual error body plus the summary and every placed error. */
export const ImportRejected = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.Optional(Type.String()),
        row: Type.Optional(Type.Integer()),
        line: Type.Optional(Type.Integer()),
        message: Type.String(),
      }),
    ),
  ),
  summary: Type.Optional(ImportSummarySchema),
  errors: Type.Optional(Type.Array(PlacedErrorSchema)),
  errorCount: Type.Optional(Type.Integer()),
});

export const ExportQuery = Type.Object(
  {
    formCode: Type.Optional(Code),
    elements: Type.Optional(CodeList),
    units: Type.Optional(CodeList),
    children: Type.Optional(Type.Boolean()),
    periods: Type.Optional(CodeList),
    startDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    endDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

// DHIS2 /api/dataValueSets parameters (repeatable, as DHIS2 takes them).
const Repeated = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000 });

export const Dhis2ExportQuery = Type.Object(
  {
    dataSet: Type.Optional(Code),
    dataElement: Type.Optional(Repeated),
    orgUnit: Type.Optional(Repeated),
    children: Type.Optional(Type.Boolean()),
    period: Type.Optional(Repeated),
    startDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    endDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    idScheme: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Dhis2ExportQuery = Static<typeof Dhis2ExportQuery>;

export const Dhis2ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false })),
    idScheme: Type.Optional(Type.String()),
    dataElementIdScheme: Type.Optional(Type.String()),
    orgUnitIdScheme: Type.Optional(Type.String()),
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Dhis2ImportQuery = Static<typeof Dhis2ImportQuery>;

export const Dhis2ImportSummarySchema = Type.Object({
  responseType: Type.Literal('ImportSummary'),
  status: Type.Union([Type.Literal('SUCCESS'), Type.Literal('WARNING'), Type.Literal('ERROR')]),
  description: Type.String(),
  importOptions: Type.Object({}, { additionalProperties: true }),
  importCount: Type.Object({
    imported: Type.Integer(),
    updated: Type.Integer(),
    ignored: Type.Integer(),
    deleted: Type.Integer(),
  }),
  conflicts: Type.Array(
    Type.Object({
      object: Type.String(),
      value: Type.String(),
      indexes: Type.Array(Type.Integer()),
    }),
  ),
  dataSetComplete: Type.String(),
});
