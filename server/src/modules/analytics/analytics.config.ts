// Status thresholds from the environment (defaults in core/status):
// MINSHENG_STATUS_AT_RISK (0.05), MINSHENG_STATUS_TREND_MONTHS (24),
// MINSHENG_STATUS_RUN_RATE_MONTHS (12), MINSHENG_STATUS_LOOKBACK_MONTHS (12).
import { DEFAULT_STATUS_CONFIG, type StatusConfig } from '../../../../core/status';

function numberFrom(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`status threshold ${value} is outside ${min}–${max}`);
  return n;
}

export function statusConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StatusConfig {
  const d = DEFAULT_STATUS_CONFIG;
  return {
    atRiskTolerance: numberFrom(env.MINSHENG_STATUS_AT_RISK, d.atRiskTolerance, 0, 1),
    trendMonths: numberFrom(env.MINSHENG_STATUS_TREND_MONTHS, d.trendMonths, 2, 120),
    runRateMonths: numberFrom(env.MINSHENG_STATUS_RUN_RATE_MONTHS, d.runRateMonths, 1, 120),
    lookbackMonths: numberFrom(env.MINSHENG_STATUS_LOOKBACK_MONTHS, d.lookbackMonths, 1, 120),
  };
}
