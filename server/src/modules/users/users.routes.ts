import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { RoleSchema } from '../auth/auth.schema';
import { createUser, listUsers } from './users.service';

const UserRow = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});

const NewUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    unitCode: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export function userRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/users',
    {
      config: { access: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: '用户列表 Users',
        response: { 200: Type.Object({ users: Type.Array(UserRow) }) },
      },
    },
    async () => ({
      users: (await listUsers(ctx.db)).map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role,
        unitCode: u.unit_code,
        unitName: u.unit_name,
        disabled: u.disabled !== 0,
        createdAt: u.created_at,
      })),
    }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: '新建用户 Create a user',
        body: NewUserBody,
        response: {
          201: Type.Object({ id: Type.Integer() }),
          400: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const id = await createUser(ctx.db, request.body, {
        actor: requireActor(request),
        ip: request.ip,
      });
      return reply.code(201).send({ id });
    },
  );
}
