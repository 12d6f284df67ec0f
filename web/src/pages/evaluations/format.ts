// Small display helpers of the 中期评估 pages.

/** ISO timestamp → 'YYYY-MM-DD HH:mm' in Beijing time (the users' clock). */
export const at = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—';

/** A target's figure with its unit, few digits for small numbers. */
export function figure(value: number | null, unit: string): string {
  if (value === null) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = Number(value.toFixed(digits)).toLocaleString('zh-CN');
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
