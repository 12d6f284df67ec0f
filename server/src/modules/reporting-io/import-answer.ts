// Sends an import's answer, through the Idempotency-Key store when the client gave a key and
// the request writes (dry runs write nothing, so they are simply run again).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../common/errors';
import { requireActor } from '../../common/access';
import { ImportProblem } from '../../../../core/reporting-io';
import { IDEMPOTENCY_HEADER, idempotent, requestHash, type Answer } from './idempotency';
import { toAppError } from './upload';

export const JSON_TYPE = 'application/json; charset=utf-8';

export const jsonAnswer = (statusCode: number, body: unknown): Answer => ({
  statusCode,
  contentType: JSON_TYPE,
  body: JSON.stringify(body),
});

export async function sendImportAnswer(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { dryRun: boolean; body: Buffer | string; run: () => Promise<Answer> },
): Promise<FastifyReply> {
  const key = request.headers[IDEMPOTENCY_HEADER];
  const run = () => options.run().catch(rethrowAsAppError);
  let answer: Answer;
  if (typeof key === 'string' && !options.dryRun) {
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const stored = await idempotent(
      ctx,
      requireActor(request),
      { key, route, hash: requestHash(route, request.query, options.body) },
      run,
    );
    if (stored.replayed) void reply.header('idempotent-replayed', 'true');
    answer = stored;
  } else {
    answer = await run();
  }
  return reply.code(answer.statusCode).type(answer.contentType).send(answer.body);
}

function rethrowAsAppError(error: unknown): never {
  if (error instanceof ImportProblem) throw toAppError(error);
  throw error instanceof Error ? error : new AppError(500, 'INTERNAL', '服务器内部错误');
}
