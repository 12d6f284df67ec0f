// Dispersion across units (cities): coefficient of variation and Theil index, to show whether
// the gap between the Pearl River Delta and 粤东粤西粤北 narrows over time.

export interface UnitValue {
  value: number;
  /** For ratio measures: the numerator and denominator, so the Theil index is weighted. */
  numerator?: number;
  denominator?: number;
}

/** Population standard deviation ÷ mean; null for fewer than two values or a zero mean. */
export function coefficientOfVariation(values: number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean === 0) return null;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / Math.abs(mean);
}

/**
 * Theil T index. For ratios it is weighted by the parts: Σ sᵢ·ln(sᵢ/wᵢ) with sᵢ the unit's
 * share of the numerator and wᵢ its share of the denominator (0 = every unit at the same
 * rate). Otherwise unweighted: (1/n) Σ (xᵢ/μ)·ln(xᵢ/μ). Null when it is undefined.
 */
export function theilIndex(units: UnitValue[]): number | null {
  if (units.length < 2) return null;
  const weighted = units.every((u) => u.numerator !== undefined && u.denominator !== undefined);
  if (weighted) {
    const num = units.reduce((s, u) => s + u.numerator!, 0);
    const den = units.reduce((s, u) => s + u.denominator!, 0);
    if (num <= 0 || den <= 0) return null;
    return units.reduce((t, u) => {
      const share = u.numerator! / num;
      const weight = u.denominator! / den;
      return share > 0 && weight > 0 ? t + share * Math.log(share / weight) : t;
    }, 0);
  }
  const values = units.map((u) => u.value);
  if (values.some((v) => v < 0)) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean <= 0) return null;
  return (
    values.reduce((t, v) => (v > 0 ? t + (v / mean) * Math.log(v / mean) : t), 0) / values.length
  );
}
