// Reporting API: forms, the entry grid, values, submissions and approval, the reviewer's
// inbox, completeness and timeliness, notifications and unit webhooks. Thin: access →
// validate → service.
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { can } from '../../common/policy';
import { forbidden } from '../../common/errors';
import type { ApprovalAction } from '../../../../core/reporting';
import type { FormInfo } from './catalog';
import { getForm, listForms, updateForm } from './forms.service';
import { getGrid, valueHistory } from './grid.service';
import { exportValues, saveValues } from './values.service';
import { bulkApprove, inbox, transition } from './approval.service';
import { completeness, lateOverview } from './timeliness.service';
import {
  getWebhook,
  listNotifications,
  markAllRead,
  markNotificationRead,
  setWebhook,
} from './notifications.service';
import * as S from './reporting.schema';

const tags = ['reporting'];

function formView(f: FormInfo) {
  return {
    ...f,
    elements: f.elements.map((e) => ({
      code: e.code,
      name: e.name,
      unit: e.unit,
      valueType: e.valueType,
      aggregation: e.aggregation,
      min: e.min,
      max: e.max,
    })),
  };
}

const csv = (s: string | undefined) =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

export function reportingRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/reporting/forms',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '报表列表 Forms',
        response: { 200: Type.Object({ forms: Type.Array(S.Form) }) },
      },
    },
    async () => ({ forms: (await listForms(ctx.db)).map(formView) }),
  );

  app.get(
    '/api/reporting/forms/:code',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '报表详情 Form',
        params: Type.Object({ code: S.FormCode }),
        response: { 200: S.Form, 404: S.ErrorResponse },
      },
    },
    async (request) => formView(await getForm(ctx.db, request.params.code)),
  );

  app.patch(
    '/api/reporting/forms/:code',
    {
      config: { access: 'reporting.admin' },
      schema: {
        tags,
        summary: '调整报表 Adjust a form (deadlines, approval chain, bounds, rules)',
        params: Type.Object({ code: S.FormCode }),
        body: S.FormPatchBody,
        response: { 200: S.Form, 400: S.ErrorResponse, 404: S.ErrorResponse },
      },
    },
    async (request) =>
      formView(
        await updateForm(ctx.db, request.params.code, request.body, {
          actor: requireActor(request),
          ip: request.ip,
        }),
      ),
  );

  app.get(
    '/api/reporting/grid',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '填报表格 Entry grid for (form, unit, period)',
        querystring: S.KeyQuery,
        response: { 200: S.Grid, 400: S.ErrorResponse, 403: S.ErrorResponse },
      },
    },
    async (request) =>
      getGrid(ctx, requireActor(request), {
        formCode: request.query.form,
        unitCode: request.query.unit,
        period: request.query.period,
      }),
  );

  app.put(
    '/api/reporting/values',
    {
      config: { access: 'data.write' },
      schema: {
        tags,
        summary: '保存数据 Save values (drafts; all-or-nothing; optional submit)',
        body: S.SaveBody,
        response: {
          200: S.SaveResult,
          400: S.ErrorResponse,
          403: S.ErrorResponse,
          409: S.ConflictResponse,
          423: S.ErrorResponse,
        },
      },
    },
    async (request) =>
      saveValues(
        ctx,
        requireActor(request),
        { ...request.body, source: 'web' },
        { ip: request.ip },
      ),
  );

  app.get(
    '/api/reporting/values',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '导出数据 Current values (comma-separated codes), within the caller’s scope',
        querystring: Type.Object({
          units: Type.String({ minLength: 1, maxLength: 4000 }),
          periods: Type.String({ minLength: 1, maxLength: 2000 }),
          elements: Type.Optional(Type.String({ maxLength: 8000 })),
        }),
        response: { 200: Type.Object({ values: Type.Array(S.ExportedValue) }) },
      },
    },
    async (request) => ({
      values: await exportValues(ctx, requireActor(request), {
        unitCodes: csv(request.query.units)!,
        periods: csv(request.query.periods)!,
        elementCodes: csv(request.query.elements),
      }),
    }),
  );

  app.get(
    '/api/reporting/values/history',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '数据修改历史 History of one value',
        querystring: Type.Object({
          element: Type.String({ maxLength: 80 }),
          unit: S.UnitCode,
          period: S.PeriodCode,
        }),
        response: {
          200: Type.Object({
            history: Type.Array(
              Type.Object({
                oldValue: Type.Union([Type.Number(), Type.Null()]),
                newValue: Type.Union([Type.Number(), Type.Null()]),
                version: Type.Integer(),
                comment: Type.Union([Type.String(), Type.Null()]),
                source: Type.String(),
                changedAt: Type.String(),
                changedBy: Type.String(),
              }),
            ),
          }),
          403: S.ErrorResponse,
        },
      },
    },
    async (request) => ({
      history: await valueHistory(ctx, requireActor(request), {
        elementCode: request.query.element,
        unitCode: request.query.unit,
        period: request.query.period,
      }),
    }),
  );

  const transitions: Array<[ApprovalAction, 'data.write' | 'data.approve', string]> = [
    ['submit', 'data.write', '上报 Submit'],
    ['approve', 'data.approve', '审核通过 Approve'],
    ['return', 'data.approve', '退回 Return with a reason'],
    ['reopen', 'data.approve', '重新打开 Reopen an approved submission with a reason'],
  ];
  for (const [action, access, summary] of transitions) {
    const needsReason = action === 'return' || action === 'reopen';
    app.post(
      `/api/reporting/submissions/${action}`,
      {
        config: { access },
        schema: {
          tags,
          summary,
          body: needsReason ? S.ReasonBody : S.KeyBody,
          response: {
            200: S.Submission,
            400: S.ErrorResponse,
            403: S.ErrorResponse,
            409: S.ErrorResponse,
            423: S.ErrorResponse,
          },
        },
      },
      async (request) => {
        const body = request.body as {
          formCode: string;
          unitCode: string;
          period: string;
          reason?: string;
        };
        const s = await transition(
          ctx,
          requireActor(request),
          action,
          { formCode: body.formCode, unitCode: body.unitCode, period: body.period },
          { reason: body.reason, ip: request.ip },
        );
        return {
          id: s.id,
          formCode: s.form_code,
          unitCode: s.unit_code,
          period: s.period,
          state: s.state,
          submittedAt: s.submitted_at,
          reviewedAt: s.reviewed_at,
          reason: s.reason,
        };
      },
    );
  }

  app.get(
    '/api/reporting/inbox',
    {
      config: { access: 'data.approve' },
      schema: {
        tags,
        summary: '待审核 The reviewer’s inbox',
        response: { 200: Type.Object({ items: Type.Array(S.InboxItem) }) },
      },
    },
    async (request) => ({ items: await inbox(ctx, requireActor(request)) }),
  );

  app.post(
    '/api/reporting/inbox/approve',
    {
      config: { access: 'data.approve' },
      schema: {
        tags,
        summary: '批量审核通过 Bulk approve (listed items, or the whole inbox)',
        body: Type.Object(
          { items: Type.Optional(Type.Array(S.KeyBody, { maxItems: 5000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            approved: Type.Array(S.KeyBody),
            skipped: Type.Array(
              Type.Object({
                formCode: Type.String(),
                unitCode: Type.String(),
                period: Type.String(),
                code: Type.String(),
                message: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => bulkApprove(ctx, requireActor(request), request.body.items, request.ip),
  );

  app.get(
    '/api/reporting/completeness',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '报送率与及时率 Reporting and on-time rates of a form for a period',
        querystring: Type.Object({
          form: S.FormCode,
          period: S.PeriodCode,
          parent: Type.Optional(S.UnitCode),
        }),
        response: { 200: S.Completeness, 400: S.ErrorResponse, 404: S.ErrorResponse },
      },
    },
    async (request) =>
      completeness(ctx, requireActor(request), {
        formCode: request.query.form,
        period: request.query.period,
        parentCode: request.query.parent,
      }),
  );

  app.get(
    '/api/reporting/late',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '逾期未报 Units in scope past a due date without a submission (last 90 days)',
        response: { 200: Type.Object({ items: Type.Array(S.LateItem) }) },
      },
    },
    async (request) => ({ items: await lateOverview(ctx, requireActor(request)) }),
  );

  app.get(
    '/api/notifications',
    {
      config: { access: 'session' },
      schema: {
        tags: ['notifications'],
        summary: '站内通知 Notifications of the caller’s unit, newest first',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Type.Object({
            notifications: Type.Array(S.Notification),
            unread: Type.Integer(),
          }),
        },
      },
    },
    async (request) =>
      listNotifications(ctx.db, requireActor(request), {
        unreadOnly: request.query.unread ?? false,
        limit: request.query.limit,
      }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'session' },
      schema: {
        tags: ['notifications'],
        summary: '标为已读 Mark one notification read',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), 403: S.ErrorResponse, 404: S.ErrorResponse },
      },
    },
    async (request, reply) => {
      await markNotificationRead(ctx.db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'session' },
      schema: {
        tags: ['notifications'],
        summary: '全部标为已读 Mark all read',
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (request) => ({ marked: await markAllRead(ctx.db, requireActor(request)) }),
  );

  const WebhookView = Type.Object({
    unitCode: Type.String(),
    url: Type.Union([Type.String(), Type.Null()]),
    lastAttemptAt: Type.Union([Type.String(), Type.Null()]),
    lastStatus: Type.Union([Type.Integer(), Type.Null()]),
    lastError: Type.Union([Type.String(), Type.Null()]),
  });
  const webhookAccess = (request: Parameters<typeof requireActor>[0], unitCode: string) => {
    const actor = requireActor(request);
    // A unit manages its own webhook; administrators any unit's.
    if (can(actor, 'reporting.admin') || actor.unitCode === unitCode) return actor;
    throw forbidden('只能设置本单位的回调地址');
  };

  app.get(
    '/api/reporting/webhooks/:unitCode',
    {
      config: { access: 'session' },
      schema: {
        tags: ['notifications'],
        summary: '单位回调地址 A unit’s webhook and its last delivery',
        params: Type.Object({ unitCode: S.UnitCode }),
        response: { 200: WebhookView, 403: S.ErrorResponse },
      },
    },
    async (request) => {
      webhookAccess(request, request.params.unitCode);
      const hook = await getWebhook(ctx.db, request.params.unitCode);
      return {
        unitCode: request.params.unitCode,
        url: hook?.url ?? null,
        lastAttemptAt: hook?.last_attempt_at ?? null,
        lastStatus: hook?.last_status ?? null,
        lastError: hook?.last_error ?? null,
      };
    },
  );

  app.put(
    '/api/reporting/webhooks/:unitCode',
    {
      config: { access: 'session' },
      schema: {
        tags: ['notifications'],
        summary: '设置单位回调地址 Set (or clear with null) a unit’s webhook',
        params: Type.Object({ unitCode: S.UnitCode }),
        body: Type.Object(
          { url: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), 400: S.ErrorResponse, 403: S.ErrorResponse },
      },
    },
    async (request, reply) => {
      const actor = webhookAccess(request, request.params.unitCode);
      if (!ctx.orgs.get(request.params.unitCode)) throw forbidden('单位不存在或无权设置');
      await setWebhook(ctx.db, request.params.unitCode, request.body.url, {
        actor,
        ip: request.ip,
      });
      return reply.code(204).send(null);
    },
  );
}
