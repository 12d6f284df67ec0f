import { describe, expect, it } from 'vitest';
import { formatPeriod, parsePeriod, periodBounds, periodsBetween } from './periods';

describe('periods', () => {
  it('parses and formats the three period types', () => {
    for (const code of ['2025', '2025Q3', '2025-07'])
      expect(formatPeriod(parsePeriod(code)!)).toBe(code);
  });

  it('rejects malformed codes', () => {
    for (const code of ['2025Q5', '2025-13', '25', '2025-7', ''])
      expect(parsePeriod(code)).toBeNull();
  });

  it('knows the bounds of a period', () => {
    expect(periodBounds(parsePeriod('2024Q1')!)).toEqual({
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(periodBounds(parsePeriod('2024-02')!)).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(periodBounds(parsePeriod('2027')!)).toEqual({ start: '2027-01-01', end: '2027-12-31' });
  });

  it('lists the periods between two dates across a year end', () => {
    const quarters = periodsBetween('quarter', new Date('2023-11-05'), new Date('2024-04-01')).map(
      formatPeriod,
    );
    expect(quarters).toEqual(['2023Q4', '2024Q1', '2024Q2']);
  });
});
