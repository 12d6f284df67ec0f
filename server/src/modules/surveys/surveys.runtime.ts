// What the survey routes share in one process: the signing key, the rate limiter and limits.
import type { AppContext } from '../../context';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { SurveySigner } from './respondent';
import { DefinitionCache } from './definition-cache';

export interface SurveyRuntime {
  signer: SurveySigner;
  limiter: RateLimiter;
  definitions: DefinitionCache;
  /** Responses accepted per IP per minute (0 = no limit). */
  submitsPerMinute: number;
  /** Survey page loads per IP per minute (0 = no limit). */
  viewsPerMinute: number;
  /** Base of public links (e.g. https://minsheng.gd.gov.cn); the request's origin if unset. */
  publicBaseUrl: string | null;
}

export function surveyRuntime(
  ctx: AppContext,
  env: NodeJS.ProcessEnv = process.env,
): SurveyRuntime {
  return {
    signer: SurveySigner.load(ctx.config.dataDir, env),
    limiter: createRateLimiter(ctx.db, ctx.database.dialect, env.REDIS_URL || undefined),
    definitions: new DefinitionCache(),
    submitsPerMinute: Number(env.SURVEY_SUBMITS_PER_MINUTE ?? 20),
    viewsPerMinute: Number(env.SURVEY_VIEWS_PER_MINUTE ?? 120),
    publicBaseUrl: env.PUBLIC_BASE_URL || null,
  };
}
