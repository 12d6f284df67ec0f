import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { listEvents, verifyAuditChain } from './audit.service';

const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  outcome: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown(),
});

export function auditRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/audit/events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit events, newest first',
        querystring: Type.Object({
          action: Type.Optional(Type.String({ maxLength: 60 })),
          actor: Type.Optional(Type.String({ maxLength: 60 })),
          beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: { 200: Type.Object({ events: Type.Array(AuditEvent) }) },
      },
    },
    async (request) => ({
      events: (await listEvents(ctx.db, request.query)).map((e) => ({
        seq: e.seq,
        at: e.at,
        actorUsername: e.actor_username,
        action: e.action,
        outcome: e.outcome,
        targetType: e.target_type,
        targetId: e.target_id,
        unitCode: e.unit_code,
        ip: e.ip,
        details: JSON.parse(e.details) as unknown,
      })),
    }),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: '校验审计链 Verify the audit hash chain' },
    },
    () => verifyAuditChain(ctx.db),
  );
}
