// Outliers against a unit's own history: median ± k·MAD. Robust where mean ± 2σ is not —
// one bad past value or a seasonal peak barely moves the median and the MAD.

/** Scales the MAD to estimate σ for normal data, so k reads like "k standard deviations". */
const MAD_TO_SIGMA = 1.4826;

export interface OutlierBand {
  median: number;
  mad: number;
  low: number;
  high: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The accepted band, or null when the history is too short to judge (fewer than
 * `minHistory` values). A flat history (MAD 0) gets a floor of 10% of the median, so an
 * unchanged series does not flag every small change.
 */
export function outlierBand(history: readonly number[], k = 3, minHistory = 4): OutlierBand | null {
  if (history.length < minHistory) return null;
  const m = median(history);
  const mad = median(history.map((v) => Math.abs(v - m)));
  const spread = Math.max(mad * MAD_TO_SIGMA, Math.abs(m) * 0.1, 1e-9);
  return { median: m, mad, low: m - k * spread, high: m + k * spread };
}

export function isOutlier(value: number, band: OutlierBand | null): boolean {
  return band !== null && (value < band.low || value > band.high);
}
