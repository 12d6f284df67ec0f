// Request and response schemas of the bulletin API; the web app imports the types.
import { Type, type Static } from '@sinclair/typebox';
import type { BulletinDocument } from '../../../../core/tasking/bulletin';

export const BulletinKindSchema = Type.Union([
  Type.Literal('monthly'),
  Type.Literal('quarterly'),
  Type.Literal('adhoc'),
]);

export const BulletinSummary = Type.Object({
  id: Type.Integer(),
  kind: BulletinKindSchema,
  period: Type.String(),
  asOf: Type.String(),
  title: Type.String(),
  docNumber: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  createdAt: Type.String(),
  createdBy: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
});
export type BulletinSummary = Static<typeof BulletinSummary>;

export const BulletinList = Type.Object({
  bulletins: Type.Array(BulletinSummary),
  canManage: Type.Boolean(),
});
export type BulletinList = Static<typeof BulletinList>;

/** The whole content model (sections, tables, chart data) as built by core/tasking/bulletin. */
const Document = Type.Unsafe<BulletinDocument>(Type.Object({}, { additionalProperties: true }));

export const BulletinDetail = Type.Composite([
  BulletinSummary,
  Type.Object({ intro: Type.String(), document: Document }),
]);
export type BulletinDetail = Static<typeof BulletinDetail>;

export const DraftBody = Type.Object(
  {
    kind: BulletinKindSchema,
    period: Type.Optional(Type.String({ maxLength: 10 })),
    asOf: Type.Optional(Type.String({ maxLength: 10 })),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    intro: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;

export const UpdateBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    intro: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    refresh: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateBody = Static<typeof UpdateBody>;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
