// Excel template, Excel/CSV/JSON import and CSV export of reported values; DHIS2 interchange is
// in dhis2.routes.ts. All in one plugin scope that owns the raw-body parsers for uploads.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import {
  readTemplate,
  readValuesCsv,
  writeValuesCsv,
  type LocatedValue,
} from '../../../../core/reporting-io';
import { dhis2Routes } from './dhis2.routes';
import { exportNamedValues } from './exports.service';
import { jsonAnswer, sendImportAnswer } from './import-answer';
import {
  importValues,
  rejectionError,
  type ImportOutcome,
  type ImportRequest,
} from './reporting-io.service';
import {
  ExportQuery,
  FileBody,
  ImportQuery,
  ImportRejected,
  ImportResult,
  JsonImportBody,
  TemplateQuery,
} from './reporting-io.schema';
import { templateFile } from './template.service';
import {
  CSV_TYPES,
  UPLOAD_LIMIT_BYTES,
  XLSX_TYPE,
  registerUploadParsers,
  requireFileBody,
  setUploadErrorHandler,
} from './upload';

export async function reportingIoRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  await app.register((instance, _options, done) => {
    const scope = instance.withTypeProvider<TypeBoxTypeProvider>();
    registerUploadParsers(scope);
    setUploadErrorHandler(scope, app);
    fileRoutes(scope, ctx);
    dhis2Routes(scope, ctx);
    done();
  });
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The answer without the index-based issues (errors already carry their places). */
const publicOutcome = ({ issues: _issues, ...outcome }: ImportOutcome) => outcome;

const importResponses = {
  200: ImportResult,
  400: ImportRejected,
  403: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
};

function fileRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/reporting-io/template',
    {
      config: { access: 'data.write' },
      schema: {
        tags: ['reporting-io'],
        summary: '下载 Excel 填报模板 Download the pre-filled Excel template',
        querystring: TemplateQuery,
        response: { 200: FileBody, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { file, fileName } = await templateFile(ctx, requireActor(request), {
        formCode: request.query.formCode,
        unitCodes: list(request.query.units),
        from: request.query.from,
        ...(request.query.to ? { to: request.query.to } : {}),
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  const fileImport = (
    path: string,
    source: 'xlsx' | 'csv',
    types: string[],
    what: string,
    read: (
      file: Buffer,
    ) => Promise<Pick<ImportRequest, 'values' | 'readErrors' | 'readErrorCount' | 'formCode'>>,
  ) =>
    app.post(
      path,
      {
        config: { access: 'data.write' },
        bodyLimit: UPLOAD_LIMIT_BYTES,
        schema: {
          tags: ['reporting-io'],
          summary: `导入${what} Import values from ${source}`,
          description: `The request body is the file itself (Content-Type ${types[0]}), at most 10 MB. dryRun=true checks without storing. Optional Idempotency-Key header.`,
          querystring: ImportQuery,
          response: importResponses,
        },
      },
      async (request, reply) => {
        const receivedAt = new Date().toISOString();
        const file = requireFileBody(request, types, what);
        const dryRun = request.query.dryRun ?? false;
        return sendImportAnswer(ctx, request, reply, {
          dryRun,
          body: file,
          run: async () => {
            const reading = await read(file);
            const formCode = request.query.formCode ?? reading.formCode;
            const outcome = await importValues(ctx, requireActor(request), {
              ...reading,
              source,
              ...(formCode ? { formCode } : {}),
              dryRun,
              submit: request.query.submit ?? false,
              receivedAt,
            });
            if (!dryRun && outcome.errorCount > 0) throw rejectionError(outcome);
            return jsonAnswer(200, publicOutcome(outcome));
          },
        });
      },
    );

  fileImport(
    '/api/reporting-io/import/xlsx',
    'xlsx',
    [XLSX_TYPE, 'application/octet-stream'],
    'Excel 文件',
    async (file) => {
      const reading = await readTemplate(file);
      return {
        values: reading.values,
        readErrors: reading.errors,
        readErrorCount: reading.errorCount,
        ...(reading.formCode ? { formCode: reading.formCode } : {}),
      };
    },
  );
  fileImport('/api/reporting-io/import/csv', 'csv', CSV_TYPES, 'CSV 文件', (file) => {
    const reading = readValuesCsv(file);
    return Promise.resolve({ values: reading.values, readErrors: reading.errors });
  });

  app.post(
    '/api/reporting-io/import/json',
    {
      config: { access: 'data.write' },
      bodyLimit: UPLOAD_LIMIT_BYTES,
      schema: {
        tags: ['reporting-io'],
        summary: '以 JSON 导入数值 Import values as JSON',
        description:
          'All or nothing. Optional Idempotency-Key header: a retry with the same key and body gets the stored answer; the same key with another body gets 422.',
        body: JsonImportBody,
        response: importResponses,
      },
    },
    async (request, reply) => {
      const receivedAt = new Date().toISOString();
      const body = request.body;
      const dryRun = body.dryRun ?? false;
      return sendImportAnswer(ctx, request, reply, {
        dryRun,
        body: JSON.stringify(body),
        run: async () => {
          const values: LocatedValue[] = body.values.map((v, i) => ({
            ...v,
            place: { field: `values[${i}]` },
          }));
          const outcome = await importValues(ctx, requireActor(request), {
            source: 'json',
            ...(body.formCode ? { formCode: body.formCode } : {}),
            values,
            dryRun,
            submit: body.submit ?? false,
            receivedAt,
          });
          if (!dryRun && outcome.errorCount > 0) throw rejectionError(outcome);
          return jsonAnswer(200, publicOutcome(outcome));
        },
      });
    },
  );

  app.get(
    '/api/reporting-io/export.csv',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['reporting-io'],
        summary: '导出数值 CSV Export values as CSV',
        querystring: ExportQuery,
        response: { 200: FileBody, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const rows = await exportNamedValues(ctx, requireActor(request), {
        ...(q.formCode ? { formCode: q.formCode } : {}),
        elementCodes: list(q.elements),
        unitCodes: list(q.units),
        children: q.children ?? false,
        periods: list(q.periods),
        ...(q.startDate ? { startDate: q.startDate } : {}),
        ...(q.endDate ? { endDate: q.endDate } : {}),
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachment(`数据导出_${new Date().toISOString().slice(0, 10)}.csv`),
        )
        .send(writeValuesCsv(rows));
    },
  );
}
