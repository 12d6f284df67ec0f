import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { notFound } from '../../common/errors';
import { ErrorResponse } from '../../common/error-schema';
import { Plan } from '../../../../core/plan/schema';

const CurrentPlanResponse = Type.Object({
  revision: Type.Object({
    id: Type.Integer(),
    number: Type.Integer(),
    importedAt: Type.String(),
    reason: Type.String(),
  }),
  plan: Plan,
});

export function planRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/plan',
    {
      config: { access: 'plan.read' },
      schema: {
        tags: ['plan'],
        summary: '现行计划 The plan revision in force: domains → tasks → targets',
        response: { 200: CurrentPlanResponse, 404: ErrorResponse },
      },
    },
    async () => {
      const current = await ctx.plans.current();
      if (!current)
        throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
      return current;
    },
  );
}
