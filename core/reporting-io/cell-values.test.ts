import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, readNumber } from './cell-values';
import { fromDhis2Period, periodLabel, previousPeriod, toDhis2Period } from './period-codes';

describe('cell values', () => {
  it('reads numbers, plain numeric text, full-width digits and thousands separators', () => {
    expect(readNumber(12)).toEqual({ kind: 'number', value: 12 });
    expect(readNumber(' 12.5 ')).toEqual({ kind: 'number', value: 12.5 });
    expect(readNumber('１２３')).toEqual({ kind: 'number', value: 123 });
    expect(readNumber('1,234,567')).toEqual({ kind: 'number', value: 1234567 });
    expect(readNumber({ richText: [{ text: '4' }, { text: '2' }] })).toEqual({
      kind: 'number',
      value: 42,
    });
    expect(readNumber('')).toEqual({ kind: 'empty' });
    expect(readNumber(null)).toEqual({ kind: 'empty' });
  });

  it('refuses text, units, dates and booleans in a number cell', () => {
    for (const cell of [
      'abc',
      '12人',
      '1,2',
      '12%',
      true,
      new Date('2025-01-01'),
      { error: '#DIV/0!' },
    ])
      expect(readNumber(cell).kind).toBe('invalid');
  });

  it('reports formulas instead of evaluating them', () => {
    expect(readNumber({ formula: 'SUM(A1:A3)', result: 6 })).toEqual({
      kind: 'formula',
      formula: 'SUM(A1:A3)',
    });
    expect(readNumber({ sharedFormula: 'J2', result: 6 }).kind).toBe('formula');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(neutralise('=HYPERLINK("http://x","点我")')).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(neutralise('+1')).toBe("'+1");
    expect(neutralise('-2+3')).toBe("'-2+3");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('梅县区')).toBe('梅县区');
    fc.assert(
      fc.property(fc.string(), (text) => {
        const safe = neutralise(text);
        return !['=', '+', '-', '@'].includes(safe[0] ?? '') && safe.endsWith(text);
      }),
    );
  });
});

describe('period codes', () => {
  it('converts between our codes and DHIS2 ISO periods', () => {
    expect(toDhis2Period('2025-07')).toBe('202507');
    expect(toDhis2Period('2025Q3')).toBe('2025Q3');
    expect(toDhis2Period('2025')).toBe('2025');
    expect(fromDhis2Period('202507')).toBe('2025-07');
    expect(fromDhis2Period('2025-07')).toBe('2025-07');
    expect(fromDhis2Period('2025Q3')).toBe('2025Q3');
    expect(fromDhis2Period('202513')).toBeNull();
    expect(fromDhis2Period('2025W3')).toBeNull();
  });

  it('labels periods in Chinese and finds the previous one', () => {
    expect(periodLabel('2025-07')).toBe('2025年7月');
    expect(periodLabel('2025Q3')).toBe('2025年第3季度');
    expect(previousPeriod('2025-01')).toBe('2024-12');
    expect(previousPeriod('2025Q1')).toBe('2024Q4');
    expect(previousPeriod('2025')).toBe('2024');
  });
});
