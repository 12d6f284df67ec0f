import { createRequire } from 'node:module';
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { visibleUnits } from '../../common/policy';

const require = createRequire(import.meta.url);

const OrgUnit = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
});

export function orgUnitRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/org-units',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['org-units'],
        summary: '组织机构 Org units visible to the caller',
        response: { 200: Type.Object({ units: Type.Array(OrgUnit) }) },
      },
    },
    (request) => {
      const actor = requireActor(request);
      // Departments and the province are listed for everyone: they are who reports go to.
      const units = ctx.orgs
        .all()
        .filter(
          (u) =>
            u.level === 'department' ||
            u.level === 'province' ||
            visibleUnits(actor, [u]).length > 0,
        )
        .sort((a, b) => a.sort_order - b.sort_order);
      return {
        units: units.map((u) => ({
          code: u.code,
          name: u.name,
          level: u.level,
          parentCode: u.parent_code,
          region: u.region,
        })),
      };
    },
  );

  let geo: unknown = null;
  app.get(
    '/api/geo/guangdong',
    {
      config: { access: 'public' },
      schema: {
        tags: ['org-units'],
        summary: '广东省地级市边界 City boundaries (echarts 4.9 GeoJSON)',
      },
    },
    (_request, reply) => {
      geo ??= require('echarts-geo/map/json/province/guangdong.json');
      return reply.header('cache-control', 'public, max-age=86400').send(geo);
    },
  );
}
