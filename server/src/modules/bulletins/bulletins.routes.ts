// 通报 API: list (readers see published ones, the supervision office drafts too), draft now,
// one bulletin, its .docx and printable HTML, edit a draft, publish.
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { FileBody } from '../reporting-io/reporting-io.schema';
import { BulletinDetail, BulletinList, DraftBody, IdParams, UpdateBody } from './bulletins.schema';
import {
  bulletinFile,
  draftBulletin,
  getBulletin,
  listBulletins,
  publishBulletin,
  updateBulletin,
} from './bulletins.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const fileName = (r: { docNumber: string; title: string; period: string }) =>
  encodeURIComponent(`${r.title}（${r.period}）.docx`);

export function bulletinRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['bulletins'];
  const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

  app.get(
    '/api/bulletins',
    {
      config: { access: 'task.read' },
      schema: { tags, summary: '通报列表 Bulletins', response: { 200: BulletinList } },
    },
    async (request) => listBulletins(ctx, requireActor(request)),
  );

  app.post(
    '/api/bulletins',
    {
      config: { access: 'bulletin.manage' },
      schema: {
        tags,
        summary: '生成通报草稿 Draft a bulletin now',
        body: DraftBody,
        response: { 201: BulletinDetail, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await draftBulletin(ctx, request.body, {
        actor: requireActor(request),
        ip: request.ip,
      });
      return reply.code(201).send(detail);
    },
  );

  app.get(
    '/api/bulletins/:id',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '通报 One bulletin',
        params: IdParams,
        response: { 200: BulletinDetail, ...errors },
      },
    },
    async (request) => getBulletin(ctx, requireActor(request), request.params.id),
  );

  app.get(
    '/api/bulletins/:id/docx',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '下载通报 Word 文档 The .docx',
        params: IdParams,
        response: { 200: FileBody, ...errors },
      },
    },
    async (request, reply) => {
      const { row, body } = await bulletinFile(
        ctx,
        requireActor(request),
        request.params.id,
        'docx',
      );
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename*=UTF-8''${fileName(row)}`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.get(
    '/api/bulletins/:id/html',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '通报网页版 Printable HTML',
        params: IdParams,
        response: { 200: FileBody, ...errors },
      },
    },
    async (request, reply) => {
      const { body } = await bulletinFile(ctx, requireActor(request), request.params.id, 'html');
      return (
        reply
          // The app-wide CSP (helmet) applies: no inline script, framed only by the app itself.
          .type('text/html; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .send(body)
      );
    },
  );

  app.put(
    '/api/bulletins/:id',
    {
      config: { access: 'bulletin.manage' },
      schema: {
        tags,
        summary: '修改通报草稿 Edit a draft (title, intro) and render it again',
        params: IdParams,
        body: UpdateBody,
        response: { 200: BulletinDetail, ...errors },
      },
    },
    async (request) =>
      updateBulletin(ctx, request.params.id, request.body, {
        actor: requireActor(request),
        ip: request.ip,
      }),
  );

  app.post(
    '/api/bulletins/:id/publish',
    {
      config: { access: 'bulletin.manage' },
      schema: {
        tags,
        summary: '印发通报 Publish: assign the 文号 and freeze',
        params: IdParams,
        response: { 200: BulletinDetail, ...errors },
      },
    },
    async (request) =>
      publishBulletin(ctx, request.params.id, { actor: requireActor(request), ip: request.ip }),
  );
}
