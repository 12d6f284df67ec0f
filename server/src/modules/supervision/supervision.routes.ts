// 督办 API: the items and the board, issuing, replying (multipart, with evidence), accepting
// (销号) and returning, the rule settings and a manual run, and inspections (暗访督查).
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { readMultipartForm } from '../../common/multipart';
import { checkEvidenceFiles } from '../evidence/evidence.service';
import {
  AcceptBody,
  Board,
  Event,
  Inspection,
  IssueBody,
  Item,
  ListQuery,
  ReturnBody,
  Rule,
  RulesBody,
} from './supervision.schema';
import {
  board,
  decideItem,
  getItem,
  issueItem,
  listItems,
  replyToItem,
} from './supervision.service';
import { listRules, runSupervisionRules, updateRules } from './rules.service';
import { getInspection, listInspections, recordInspection } from './inspections.service';

const tags = ['tasking'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Detail = Type.Object({ item: Item, events: Type.Array(Event) });
const errors = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
};

const by = (request: FastifyRequest) => ({ actor: requireActor(request), ip: request.ip });

export function supervisionRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/supervision/items',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '督办事项列表 Supervision items visible to the caller',
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(Item) }), 400: ErrorResponse },
      },
    },
    async (request) => ({ items: await listItems(ctx, requireActor(request), request.query) }),
  );

  app.get(
    '/api/supervision/board',
    {
      config: { access: 'task.read' },
      schema: { tags, summary: '督办看板 The supervision board', response: { 200: Board } },
    },
    async (request) => board(ctx, requireActor(request)),
  );

  app.get(
    '/api/supervision/items/:id',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '督办事项详情 One item with its timeline and evidence',
        params: IdParams,
        response: { 200: Detail, ...errors },
      },
    },
    async (request) => getItem(ctx, by(request), request.params.id),
  );

  app.post(
    '/api/supervision/items',
    {
      config: { access: 'supervision.issue' },
      schema: {
        tags,
        summary: '发起督办 Issue a supervision item',
        body: IssueBody,
        response: { 201: Detail, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await issueItem(ctx, request.body, by(request))),
  );

  app.post(
    '/api/supervision/items/:id/replies',
    {
      config: { access: 'supervision.reply' },
      schema: {
        tags,
        summary: '答复 Reply (multipart: text + files)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Detail, ...errors },
      },
    },
    async (request, reply) => {
      const form = await readMultipartForm(request);
      const files = await checkEvidenceFiles(form.files);
      const result = await replyToItem(
        ctx,
        request.params.id,
        { text: form.fields.text ?? '', files },
        by(request),
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/supervision/items/:id/accept',
    {
      config: { access: 'supervision.issue' },
      schema: {
        tags,
        summary: '销号 Accept the reply and close the item',
        params: IdParams,
        body: Type.Optional(AcceptBody),
        response: { 200: Detail, ...errors },
      },
    },
    async (request) =>
      decideItem(
        ctx,
        request.params.id,
        { action: 'accept', text: request.body?.text },
        by(request),
      ),
  );

  app.post(
    '/api/supervision/items/:id/return',
    {
      config: { access: 'supervision.issue' },
      schema: {
        tags,
        summary: '退回 Return the reply with a reason and a new deadline',
        params: IdParams,
        body: ReturnBody,
        response: { 200: Detail, ...errors },
      },
    },
    async (request) =>
      decideItem(ctx, request.params.id, { action: 'return', ...request.body }, by(request)),
  );

  ruleRoutes(app, ctx);
  inspectionRoutes(app, ctx);
}

function ruleRoutes(app: AppInstance, ctx: AppContext): void {
  const Rules = Type.Object({ rules: Type.Array(Rule) });
  app.get(
    '/api/supervision/rules',
    {
      config: { access: 'task.read' },
      schema: { tags, summary: '督办规则 Rule settings', response: { 200: Rules } },
    },
    async () => ({ rules: await listRules(ctx.db) }),
  );

  app.put(
    '/api/supervision/rules',
    {
      config: { access: 'supervision.admin' },
      schema: {
        tags,
        summary: '修改督办规则 Change rule settings',
        body: RulesBody,
        response: { 200: Rules, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => ({ rules: await updateRules(ctx.db, request.body, by(request)) }),
  );

  app.post(
    '/api/supervision/rules/run',
    {
      config: { access: 'supervision.admin' },
      schema: {
        tags,
        summary: '立即运行督办规则 Run the rules now',
        response: { 200: Type.Object({ raised: Type.Integer(), escalated: Type.Integer() }) },
      },
    },
    async () => runSupervisionRules(ctx),
  );
}

function inspectionRoutes(app: AppInstance, ctx: AppContext): void {
  app.post(
    '/api/inspections',
    {
      config: { access: 'supervision.admin' },
      schema: {
        tags,
        summary: '记录暗访督查 Record an inspection (multipart: fields, findings JSON, photos)',
        consumes: ['multipart/form-data'],
        response: { 201: Inspection, ...errors },
      },
    },
    async (request, reply) => {
      const form = await readMultipartForm(request);
      const result = await recordInspection(ctx, form.fields, form.files, by(request));
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/inspections',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '暗访督查列表 Inspections visible to the caller',
        response: { 200: Type.Object({ inspections: Type.Array(Inspection) }) },
      },
    },
    async (request) => ({ inspections: await listInspections(ctx, requireActor(request)) }),
  );

  app.get(
    '/api/inspections/:id',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '督查记录详情 One inspection with its rectification items and photos',
        params: IdParams,
        response: { 200: Inspection, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getInspection(ctx, requireActor(request), request.params.id),
  );
}
