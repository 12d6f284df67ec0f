// Number and goal formatting shared by the dashboard and analysis pages.
import type { TargetRow, TargetStatusKey } from '../../api/analytics';

/** Status colours; kept free of React so the light public portal can use them. */
export const STATUS_COLOURS: Record<TargetStatusKey, string> = {
  achieved: '#237804',
  on_track: '#52c41a',
  at_risk: '#faad14',
  off_track: '#f5222d',
  no_data: '#bfbfbf',
};

/** 512.4, 85.33, 0.0123 — the same rule as the server's reasons. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  if (abs > 0 && abs < 0.1) return String(Number(x.toPrecision(3)));
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 2;
  return String(Number(x.toFixed(digits)));
}

export const withUnit = (x: number | null | undefined, unit: string) =>
  x === null || x === undefined ? '—' : `${formatNumber(x)}${unit}`;

export const formatPercent = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${formatNumber(x)}%`;

const COMPARATOR_TEXT: Record<string, string> = {
  '>=': '≥',
  '<=': '≤',
  '==': '',
  '≈': '≈',
  decreasing: '',
};

export function goalText(t: Pick<TargetRow, 'comparator' | 'target' | 'unit' | 'band'>): string {
  if (t.comparator === 'decreasing') return '逐年下降';
  const band = t.comparator === '≈' && t.band ? `±${formatNumber(t.band)}` : '';
  return `${COMPARATOR_TEXT[t.comparator] ?? ''}${formatNumber(t.target)}${t.unit}${band}`;
}
