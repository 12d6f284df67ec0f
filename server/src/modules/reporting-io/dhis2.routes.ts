// DHIS2 `dataValueSets` interchange, with codes as identifiers (idScheme=CODE):
//   POST /api/dhis2/dataValueSets            JSON or CSV body, ?dryRun=true → ImportSummary
//   GET  /api/dhis2/dataValueSets(.json|.csv) ?dataSet|dataElement, orgUnit, children,
//                                             period | startDate+endDate
// All or nothing: with any conflict nothing is stored, status ERROR and HTTP 409.
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { badRequest } from '../../common/errors';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import {
  importSummary,
  readDhis2Csv,
  readDhis2Json,
  toDhis2Csv,
  toDhis2Json,
  type Dhis2Conflict,
  type Dhis2Reading,
} from '../../../../core/reporting-io';
import { exportNamedValues } from './exports.service';
import { jsonAnswer, sendImportAnswer } from './import-answer';
import { importValues, type ImportOutcome } from './reporting-io.service';
import {
  Dhis2ExportQuery,
  FileBody,
  Dhis2ImportQuery,
  Dhis2ImportSummarySchema,
} from './reporting-io.schema';
import { CSV_TYPES, UPLOAD_LIMIT_BYTES } from './upload';

export function dhis2Routes(app: AppInstance, ctx: AppContext): void {
  app.post(
    '/api/dhis2/dataValueSets',
    {
      config: { access: 'data.write' },
      bodyLimit: UPLOAD_LIMIT_BYTES,
      schema: {
        tags: ['dhis2'],
        summary: '导入 DHIS2 dataValueSet Import a DHIS2 dataValueSet (JSON or CSV)',
        description:
          'Content-Type application/json or application/csv (text/csv). Identifiers are codes. dryRun=true checks without storing. Optional Idempotency-Key header.',
        querystring: Dhis2ImportQuery,
        response: {
          200: Dhis2ImportSummarySchema,
          409: Dhis2ImportSummarySchema,
          400: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const receivedAt = new Date().toISOString();
      const q = request.query;
      checkIdScheme(q.idScheme, q.dataElementIdScheme, q.orgUnitIdScheme);
      const isCsv = CSV_TYPES.includes(contentType(request));
      const raw = Buffer.isBuffer(request.body)
        ? request.body
        : JSON.stringify(request.body ?? null);
      const dryRun = q.dryRun ?? false;
      return sendImportAnswer(ctx, request, reply, {
        dryRun,
        body: raw,
        run: async () => {
          const reading = isCsv
            ? readDhis2Csv(request.body as Buffer)
            : readDhis2Json(request.body);
          const outcome = await importValues(ctx, requireActor(request), {
            source: 'dhis2',
            values: reading.values,
            readErrorCount: reading.conflicts.length,
            dryRun,
            submit: q.submit ?? false,
            receivedAt,
          });
          const conflicts = [...reading.conflicts, ...conflictsOf(reading, outcome)].sort(
            (a, b) => (a.indexes[0] ?? 0) - (b.indexes[0] ?? 0),
          );
          const summary = importSummary({
            dryRun,
            ...outcome.summary,
            total: reading.total,
            conflicts,
          });
          return jsonAnswer(conflicts.length && !dryRun ? 409 : 200, summary);
        },
      });
    },
  );

  for (const [path, format] of [
    ['/api/dhis2/dataValueSets', 'json'],
    ['/api/dhis2/dataValueSets.json', 'json'],
    ['/api/dhis2/dataValueSets.csv', 'csv'],
  ] as const)
    app.get(
      path,
      {
        config: { access: 'data.read' },
        schema: {
          tags: ['dhis2'],
          summary: `导出 DHIS2 dataValueSet（${format.toUpperCase()}） Export a DHIS2 dataValueSet`,
          querystring: Dhis2ExportQuery,
          response: { 200: FileBody, 400: ErrorResponse },
        },
      },
      async (request, reply) => {
        const q = request.query;
        checkIdScheme(q.idScheme);
        const values = await exportNamedValues(ctx, requireActor(request), {
          ...(q.dataSet ? { formCode: q.dataSet } : {}),
          elementCodes: q.dataElement ?? [],
          unitCodes: q.orgUnit ?? [],
          children: q.children ?? false,
          periods: q.period ?? [],
          ...(q.startDate ? { startDate: q.startDate } : {}),
          ...(q.endDate ? { endDate: q.endDate } : {}),
        });
        if (format === 'csv')
          return reply.type('application/csv; charset=utf-8').send(toDhis2Csv(values));
        return reply
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(toDhis2Json(values)));
      },
    );
}

function contentType(request: FastifyRequest): string {
  return String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/** We identify by code; DHIS2's 11-character UIDs mean nothing here. */
function checkIdScheme(...schemes: Array<string | undefined>): void {
  for (const scheme of schemes)
    if (scheme && scheme.toUpperCase() !== 'CODE')
      throw badRequest(
        'DHIS2_ID_SCHEME',
        `本平台以代码（CODE）作为标识，不支持 idScheme=${scheme}；请使用 idScheme=CODE 或省略该参数`,
        [{ field: 'idScheme', message: '只支持 CODE' }],
      );
}

/** Value-level issues as DHIS2 conflicts: the offending identifier and a placed message. */
function conflictsOf(reading: Dhis2Reading, outcome: ImportOutcome): Dhis2Conflict[] {
  return outcome.issues.map((issue) => {
    const value = reading.values[issue.index]!;
    const object =
      issue.field === 'unitCode'
        ? value.unitCode
        : issue.field === 'period'
          ? value.period
          : value.elementCode;
    return {
      object,
      value: `${value.place.field ?? ''}：${issue.message}`,
      indexes: [reading.indexes[issue.index] ?? issue.index],
    };
  });
}
