// /api/ledgers: 工作任务台账 — scoped lists, details, create/edit/delete, progress reports with
// evidence (multipart), the status the rule proposes, and the Excel export and import.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { readMultipartForm } from '../../common/multipart';
import { attachment } from '../reporting-io/reporting-io.routes';
import { FileBody } from '../reporting-io/reporting-io.schema';
import {
  registerUploadParsers,
  requireFileBody,
  setUploadErrorHandler,
  UPLOAD_LIMIT_BYTES,
  XLSX_TYPE,
} from '../reporting-io/upload';
import * as schema from './ledgers.schema';
import {
  createLedger,
  deleteLedger,
  getLedger,
  listLedgers,
  updateLedger,
} from './ledgers.service';
import { previewProposal, reportProgress } from './ledgers.progress';
import { exportLedgers, importLedgers } from './ledgers.import';

const tags = ['tasking'];
const errors = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const by = (request: FastifyRequest) => ({ actor: requireActor(request), ip: request.ip });

export async function ledgerRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/ledgers',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '工作任务台账 Ledger items visible to the caller, with counts by status',
        querystring: schema.ListQuery,
        response: { 200: schema.ListResponse, 400: ErrorResponse },
      },
    },
    async (request) => listLedgers(ctx, requireActor(request), request.query),
  );

  app.get(
    '/api/ledgers/export.xlsx',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '导出工作台账 Export the ledger as xlsx (one row per item)',
        querystring: schema.ExportQuery,
        response: { 200: FileBody, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { file, fileName } = await exportLedgers(ctx, requireActor(request), request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  app.get(
    '/api/ledgers/:id',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '事项详情 One item with milestones, progress history and evidence',
        params: schema.IdParams,
        response: { 200: schema.DetailResponse, 404: ErrorResponse },
      },
    },
    async (request) => getLedger(ctx, requireActor(request), request.params.id),
  );

  app.get(
    '/api/ledgers/:id/proposal',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '系统建议状态 The status the rule proposes for a report of this percent',
        params: schema.IdParams,
        querystring: schema.ProposalQuery,
        response: { 200: schema.ProposalResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) =>
      previewProposal(ctx, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/api/ledgers',
    {
      config: { access: 'ledger.write' },
      schema: {
        tags,
        summary: '新增事项 Create a ledger item (lead department of the task’s domain)',
        body: schema.CreateBody,
        response: { 201: Type.Object({ id: Type.Integer(), code: Type.String() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createLedger(ctx, request.body, by(request))),
  );

  app.put(
    '/api/ledgers/:id',
    {
      config: { access: 'ledger.write' },
      schema: {
        tags,
        summary: '修改事项 Edit an item (optimistic `version`; 409 when stale)',
        params: schema.IdParams,
        body: schema.UpdateBody,
        response: { 200: Type.Object({ version: Type.Integer() }), ...errors },
      },
    },
    async (request) => updateLedger(ctx, request.params.id, request.body, by(request)),
  );

  app.delete(
    '/api/ledgers/:id',
    {
      config: { access: 'ledger.write' },
      schema: {
        tags,
        summary: '删除事项 Delete an item that has no reports and no supervision items',
        params: schema.IdParams,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteLedger(ctx, request.params.id, request.query.version, by(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/ledgers/:id/progress',
    {
      config: { access: 'ledger.report' },
      schema: {
        tags,
        summary:
          '报送进展 Report progress (multipart: percentDone, text, milestoneId?, milestoneDone?, status?, overrideReason?, version?; files `files`)',
        description:
          'Evidence: images (JPG/PNG/WEBP/GIF), PDF, Office (DOC/DOCX/XLS/XLSX/PPTX); the content must match the extension; at most 10 files of 10 MB each.',
        params: schema.IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: schema.ReportResponse, ...errors, 413: ErrorResponse },
      },
    },
    async (request, reply) => {
      const form = await readMultipartForm(request);
      const result = await reportProgress(ctx, request.params.id, form, by(request));
      return reply.code(201).send(result);
    },
  );

  // The import takes the raw xlsx as its body, in its own scope so its parser touches nothing else.
  await app.register((instance, _options, done) => {
    const scope = instance.withTypeProvider<TypeBoxTypeProvider>();
    registerUploadParsers(scope);
    setUploadErrorHandler(scope, app);
    scope.post(
      '/api/ledgers/import',
      {
        config: { access: 'ledger.write' },
        bodyLimit: UPLOAD_LIMIT_BYTES,
        schema: {
          tags,
          summary:
            '导入工作台账 Import a ledger xlsx (raw body): create or update by 事项编号, all or nothing',
          querystring: schema.ImportQuery,
          response: { 200: schema.ImportReport, ...errors, 413: ErrorResponse, 415: ErrorResponse },
        },
      },
      async (request) => {
        const file = requireFileBody(
          request,
          [XLSX_TYPE, 'application/octet-stream'],
          'Excel 文件',
        );
        return importLedgers(ctx, file, request.query.dryRun ?? false, by(request));
      },
    );
    done();
  });
}
