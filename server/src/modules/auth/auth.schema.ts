import { Type } from '@sinclair/typebox';

export const RoleSchema = Type.Union([
  Type.Literal('sysadmin'),
  Type.Literal('supervisor'),
  Type.Literal('department'),
  Type.Literal('city'),
  Type.Literal('county'),
  Type.Literal('viewer'),
]);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const SessionUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  unitCode: Type.Union([Type.String(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]),
});

export const SessionResponse = Type.Object({ user: SessionUser, csrfToken: Type.String() });

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
