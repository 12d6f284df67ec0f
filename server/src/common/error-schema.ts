import { Type } from '@sinclair/typebox';

export const ErrorResponse = Type.Object({
  code: Type.String(),
  message: Type.String({ description: 'Chinese, user-facing' }),
  details: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.Optional(Type.String()),
        line: Type.Optional(Type.Integer()),
        row: Type.Optional(Type.Integer()),
        message: Type.String(),
      }),
    ),
  ),
});
