// Request/response schemas of the survey builder, the public survey and the index API.
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 40 });
const Text = (max: number) => Type.String({ maxLength: max });
const Base = {
  id: Id,
  text: Type.String({ minLength: 1, maxLength: 300 }),
  required: Type.Boolean(),
  showIf: Type.Optional(
    Type.Object(
      {
        questionId: Id,
        values: Type.Array(Type.Union([Type.String({ maxLength: 100 }), Type.Number()]), {
          maxItems: 50,
        }),
      },
      { additionalProperties: false },
    ),
  ),
};

export const QuestionSchema = Type.Union([
  Type.Object(
    {
      ...Base,
      type: Type.Literal('likert'),
      scale: Type.Union([Type.Literal('1-5'), Type.Literal('0-10')]),
      domainCode: Type.String({ maxLength: 10 }),
      weight: Type.Optional(Type.Number()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      ...Base,
      type: Type.Union([Type.Literal('single'), Type.Literal('multiple')]),
      options: Type.Array(
        Type.Object(
          { value: Type.String({ minLength: 1, maxLength: 100 }), label: Text(200) },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      ...Base,
      type: Type.Literal('text'),
      maxLength: Type.Optional(Type.Integer()),
      personal: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
]);

export const SurveyBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Text(2000)),
    questions: Type.Array(QuestionSchema, { maxItems: 100 }),
    minN: Type.Optional(Type.Integer({ minimum: 2, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type SurveyInput = Static<typeof SurveyBody>;

export const WaveBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 20 }),
    opensAt: Type.String({ format: 'date-time' }),
    closesAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type WaveInput = Static<typeof WaveBody>;

export const WaveRow = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  opensAt: Type.String(),
  closesAt: Type.String(),
  responses: Type.Integer(),
  state: Type.Union([Type.Literal('scheduled'), Type.Literal('open'), Type.Literal('closed')]),
});

export const SurveyRow = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  questions: Type.Array(QuestionSchema),
  minN: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  waves: Type.Array(WaveRow),
});

export const LinkRow = Type.Object({
  placeCode: Type.String(),
  placeName: Type.String(),
  level: Type.String(),
  cityCode: Type.String(),
  url: Type.String(),
});

export const PanelBody = Type.Object(
  {
    waveId: Type.Integer(),
    placeCode: Type.String({ maxLength: 12 }),
    count: Type.Integer({ minimum: 1, maximum: 5000 }),
  },
  { additionalProperties: false },
);

export const LinkQuery = Type.Object({
  p: Type.String({ maxLength: 12 }),
  k: Type.String({ maxLength: 40 }),
  t: Type.Optional(Type.String({ maxLength: 64 })),
});

export const ResponseBody = Type.Object(
  {
    waveId: Type.Integer(),
    p: Type.String({ maxLength: 12 }),
    k: Type.String({ maxLength: 40 }),
    t: Type.Optional(Type.String({ maxLength: 64 })),
    answers: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ResponseInput = Static<typeof ResponseBody>;

export const IndexCell = Type.Object({
  waveCode: Type.String(),
  placeCode: Type.String(),
  placeName: Type.String(),
  domainCode: Type.String(),
  n: Type.Integer(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('insufficient')]),
  index: Type.Union([Type.Number(), Type.Null()]),
  ciLow: Type.Union([Type.Number(), Type.Null()]),
  ciHigh: Type.Union([Type.Number(), Type.Null()]),
  label: Type.String(),
});

export const IndexQuery = Type.Object({
  surveyId: Type.Integer(),
  wave: Type.Optional(Type.String({ maxLength: 20 })),
  level: Type.Optional(
    Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  ),
  city: Type.Optional(Type.String({ maxLength: 12 })),
  domain: Type.Optional(Type.String({ maxLength: 10 })),
});
export type IndexQueryInput = Static<typeof IndexQuery>;
