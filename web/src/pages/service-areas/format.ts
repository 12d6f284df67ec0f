// Number formatting shared by the service-area views.
export const formatPercent = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '—' : `${value.toFixed(digits)}%`;

export const formatInt = (value: number): string => value.toLocaleString('zh-CN');

export const COMPLIANCE_COLOURS = {
  yes: '#389e0d',
  no: '#cf1322',
  na: '#8c8c8c',
} as const;

export function complianceKey(compliant: boolean | null): keyof typeof COMPLIANCE_COLOURS {
  return compliant === null ? 'na' : compliant ? 'yes' : 'no';
}
