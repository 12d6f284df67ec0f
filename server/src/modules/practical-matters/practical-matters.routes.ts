// 十件民生实事 API: the year's list with statuses (everyone who reads the data), one matter,
// and the supervision office's create / edit / delete.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { attachment } from '../reporting-io/reporting-io.routes';
import {
  IdParams,
  MatterBody,
  MatterList,
  MatterOne,
  MatterUpdateBody,
  VersionQuery,
  YearQuery,
} from './practical-matters.schema';
import {
  createMatter,
  deleteMatter,
  exportYear,
  getMatter,
  listMatters,
  updateMatter,
} from './practical-matters.service';

const tags = ['practical-matters'];
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const by = (request: FastifyRequest) => ({ actor: requireActor(request), ip: request.ip });

export function practicalMatterRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/practical-matters',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '十件民生实事 The year’s practical matters with the status of each target',
        querystring: YearQuery,
        response: { 200: MatterList, ...errors },
      },
    },
    (request) => listMatters(ctx, requireActor(request), request.query.year),
  );

  app.get(
    '/api/practical-matters/export',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '导出民生实事 The year’s list as .xlsx',
        querystring: YearQuery,
      },
    },
    async (request, reply) => {
      const { file, name } = await exportYear(ctx, request.query.year);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(name))
        .send(file);
    },
  );

  app.get(
    '/api/practical-matters/:id',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '一件民生实事 One practical matter with its status',
        params: IdParams,
        response: { 200: MatterOne, ...errors },
      },
    },
    (request) => getMatter(ctx, request.params.id),
  );

  app.post(
    '/api/practical-matters',
    {
      config: { access: 'matters.manage' },
      schema: {
        tags,
        summary: '新增民生实事 Add a practical matter to a year',
        body: MatterBody,
        response: { 201: MatterOne, ...errors },
      },
    },
    async (request, reply) => {
      const result = await createMatter(ctx, request.body, by(request));
      return reply.code(201).send(result);
    },
  );

  app.put(
    '/api/practical-matters/:id',
    {
      config: { access: 'matters.manage' },
      schema: {
        tags,
        summary: '修改民生实事 Edit a practical matter (optimistic version)',
        params: IdParams,
        body: MatterUpdateBody,
        response: { 200: MatterOne, ...errors },
      },
    },
    (request) => updateMatter(ctx, request.params.id, request.body, by(request)),
  );

  app.delete(
    '/api/practical-matters/:id',
    {
      config: { access: 'matters.manage' },
      schema: {
        tags,
        summary: '删除民生实事 Remove a practical matter',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteMatter(ctx, request.params.id, request.query.version, by(request));
      return reply.code(204).send(null);
    },
  );
}
