// The public survey API: no login. Opening a link sets a signed respondent cookie; answers are
// accepted once per respondent per wave, within a per-IP rate limit shared by all processes.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { AppError } from '../../common/errors';
import { ErrorResponse } from '../../common/error-schema';
import { RESPONDENT_COOKIE } from './respondent';
import { publicSurvey, resolvePlace, submitResponse } from './responses.service';
import { parseQuestions } from './surveys.service';
import { LinkQuery, QuestionSchema, ResponseBody } from './surveys.schema';
import type { SurveyRuntime } from './surveys.runtime';

const Params = Type.Object({ surveyId: Type.Integer() });

export function publicSurveyRoutes(app: AppInstance, ctx: AppContext, rt: SurveyRuntime): void {
  const limit = async (request: FastifyRequest, kind: 'view' | 'submit') => {
    const perMinute = kind === 'view' ? rt.viewsPerMinute : rt.submitsPerMinute;
    if (perMinute <= 0) return;
    if (!(await rt.limiter.hit(`survey-${kind}:${request.ip}`, perMinute, 60)))
      throw new AppError(429, 'RATE_LIMITED', '提交过于频繁，请稍后再试');
  };

  const respondentCookie = (request: FastifyRequest, reply: FastifyReply) => {
    if (rt.signer.respondentId(request.cookies[RESPONDENT_COOKIE])) return;
    reply.setCookie(RESPONDENT_COOKIE, rt.signer.newRespondentToken(), {
      path: '/api/public/surveys',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.https,
      maxAge: 400 * 24 * 3600,
    });
  };

  app.get(
    '/api/public/surveys/:surveyId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '公开问卷 The survey behind a public link',
        params: Params,
        querystring: LinkQuery,
        response: {
          200: Type.Object({
            survey: Type.Object({
              id: Type.Integer(),
              title: Type.String(),
              description: Type.String(),
              questions: Type.Array(QuestionSchema),
            }),
            wave: Type.Object({ id: Type.Integer(), code: Type.String(), closesAt: Type.String() }),
            place: Type.Object({
              code: Type.String(),
              name: Type.String(),
              cityName: Type.String(),
            }),
          }),
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      await limit(request, 'view');
      const { surveyId } = request.params;
      const place = resolvePlace(ctx.orgs, rt.signer, surveyId, request.query.p, request.query.k);
      const { survey, wave } = await publicSurvey(ctx.db, surveyId);
      respondentCookie(request, reply);
      reply.header('cache-control', 'no-store');
      return {
        survey: {
          id: survey.id,
          title: survey.title,
          description: survey.description,
          questions: parseQuestions(survey),
        },
        wave: { id: wave.id, code: wave.code, closesAt: wave.closes_at },
        place: { code: place.code, name: place.name, cityName: place.cityName },
      };
    },
  );

  app.post(
    '/api/public/surveys/:surveyId/responses',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '提交答卷 Submit a response',
        params: Params,
        body: ResponseBody,
        response: {
          201: Type.Object({ ok: Type.Boolean(), message: Type.String() }),
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      // On SQLite the limiter counts inside the response's transaction (one commit per
      // response) and a refused submission is counted on its own, so floods of bad input are
      // limited too. Redis and PostgreSQL count first, in a short write of their own.
      const key = `survey-submit:${request.ip}`;
      const perMinute = rt.submitsPerMinute;
      const tooMany = () => new AppError(429, 'RATE_LIMITED', '提交过于频繁，请稍后再试');
      const countApart = async () => {
        if (perMinute > 0 && !(await rt.limiter.hit(key, perMinute, 60))) throw tooMany();
      };
      if (!rt.limiter.transactional) await countApart();
      try {
        await submitResponse(
          {
            db: ctx.db,
            orgs: ctx.orgs,
            signer: rt.signer,
            definitions: rt.definitions,
            respondentId: rt.signer.respondentId(request.cookies[RESPONDENT_COOKIE]),
            admit: async (trx) => {
              if (
                perMinute > 0 &&
                rt.limiter.transactional &&
                !(await rt.limiter.hit(key, perMinute, 60, trx))
              )
                throw tooMany();
            },
          },
          request.params.surveyId,
          request.body,
        );
      } catch (error) {
        const refusedByLimit = error instanceof AppError && error.code === 'RATE_LIMITED';
        if (rt.limiter.transactional && !refusedByLimit) await countApart();
        throw error;
      }
      return reply.code(201).send({ ok: true, message: '提交成功，感谢您的参与！' });
    },
  );
}
