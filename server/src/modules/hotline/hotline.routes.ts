// 12345 hotline API: upload an export (raw CSV/XLSX body, streamed), closure rates against the
// ≥98% target, import history, and the public disclosure (公示) for the public portal.
import { Transform, type Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { badRequest } from '../../common/errors';
import { ErrorResponse } from '../../common/error-schema';
import { formatOf } from './hotline-reader';
import { closureReport, disclosure, importTickets, tooLarge } from './hotline.service';
import { listImports } from './hotline.repository';

const MAX_UPLOAD = 500 * 1024 * 1024;
const UPLOAD_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];
const Month = Type.String({ maxLength: 7 });

export async function hotlineRoutes(app: AppInstance, ctx: AppContext): Promise<void> {
  const tags = ['hotline'];
  // The upload route lives in its own scope so its raw-stream body parser touches nothing else.
  await app.register((scope: AppInstance, _opts, done) => {
    scope.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
    scope.post(
      '/api/hotline/imports',
      {
        config: { access: 'hotline.import' },
        bodyLimit: MAX_UPLOAD,
        schema: {
          tags,
          summary: '导入12345热线工单 Import a hotline export (raw CSV or XLSX body)',
          querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: {
            201: Type.Object({
              importId: Type.Integer(),
              rows: Type.Integer(),
              inserted: Type.Integer(),
              updated: Type.Integer(),
            }),
            400: ErrorResponse,
            403: ErrorResponse,
            413: ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const format = formatOf(request.query.fileName);
        if (!format)
          throw badRequest('HOTLINE_FORMAT', '仅支持 .csv 或 .xlsx 文件', [
            { field: 'fileName', message: '扩展名须为 .csv 或 .xlsx' },
          ]);
        const summary = await importTickets(
          ctx.db,
          ctx.orgs,
          { stream: limited(request.body as Readable), fileName: request.query.fileName, format },
          { actor: requireActor(request), ip: request.ip },
        );
        return reply.code(201).send(summary);
      },
    );
    done();
  });

  app.get(
    '/api/hotline/imports',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '导入记录 Import history',
        response: {
          200: Type.Object({
            imports: Type.Array(
              Type.Object({
                id: Type.Integer(),
                fileName: Type.String(),
                rows: Type.Integer(),
                inserted: Type.Integer(),
                updated: Type.Integer(),
                importedAt: Type.String(),
                importedBy: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      imports: (await listImports(ctx.db)).map((i) => ({
        id: i.id,
        fileName: i.file_name,
        rows: i.rows,
        inserted: i.inserted,
        updated: i.updated,
        importedAt: i.imported_at,
        importedBy: i.imported_by,
      })),
    }),
  );

  const Rate = {
    placeCode: Type.String(),
    placeName: Type.String(),
    month: Type.String(),
    category: Type.String(),
    closedOnTime: Type.Integer(),
    closedLate: Type.Integer(),
    openOverdue: Type.Integer(),
    openPending: Type.Integer(),
    decided: Type.Integer(),
    rate: Type.Union([Type.Number(), Type.Null()]),
    meetsTarget: Type.Union([Type.Boolean(), Type.Null()]),
  };
  app.get(
    '/api/hotline/closure',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '按时办结率 On-time closure per place × month × category vs the ≥98% target',
        querystring: Type.Object({
          from: Type.Optional(Month),
          to: Type.Optional(Month),
          level: Type.Optional(Type.Union([Type.Literal('city'), Type.Literal('county')])),
        }),
        response: {
          200: Type.Object({
            target: Type.Number(),
            from: Type.String(),
            to: Type.String(),
            level: Type.String(),
            consumer: Type.Array(Type.Object(Rate)),
            belowTarget: Type.Array(Type.Object(Rate)),
            byCategory: Type.Array(Type.Object(Rate)),
          }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => closureReport(ctx.db, ctx.orgs, requireActor(request), request.query),
  );

  app.get(
    '/api/public/hotline/disclosure',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '消费投诉信息公示 Public consumer-complaint statistics per city (aggregated)',
        querystring: Type.Object({ month: Type.Optional(Month) }),
        response: {
          200: Type.Object({
            month: Type.Union([Type.String(), Type.Null()]),
            target: Type.Number(),
            cities: Type.Array(
              Type.Object({
                cityCode: Type.String(),
                cityName: Type.String(),
                received: Type.Integer(),
                closed: Type.Integer(),
                closedOnTime: Type.Integer(),
                onTimeRate: Type.Union([Type.Number(), Type.Null()]),
                meetsTarget: Type.Union([Type.Boolean(), Type.Null()]),
              }),
            ),
            categories: Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() })),
          }),
          400: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return disclosure(ctx.db, ctx.orgs, request.query.month);
    },
  );
}

/** Passes the upload through, failing once it exceeds the size limit. */
function limited(input: Readable): Readable {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD) return done(tooLarge());
      done(null, chunk);
    },
  });
  input.on('error', (e) => counter.destroy(e));
  return input.pipe(counter);
}
