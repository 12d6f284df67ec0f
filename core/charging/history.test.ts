import { describe, expect, it } from 'vitest';
import { stateAt, type HistoryEntry } from './history';

const e = (
  areaId: number,
  validFrom: string,
  seq: number,
  change: HistoryEntry['change'],
  v = 0,
) => ({
  areaId,
  validFrom,
  seq,
  change,
  v,
});

describe('stateAt', () => {
  const entries = [
    e(1, '2023-03-01', 1, 'create', 10),
    e(1, '2024-06-01', 2, 'update', 20),
    e(2, '2024-01-01', 3, 'create', 5),
    e(2, '2025-01-01', 4, 'delete', 5),
    e(3, '2024-06-01', 5, 'create', 1),
    e(3, '2024-06-01', 6, 'update', 2), // same day: the later recording wins
  ];

  it('gives each area its latest snapshot effective on or before the date', () => {
    expect(stateAt(entries, '2022-12-31')).toEqual([]);
    expect(stateAt(entries, '2023-12-31').map((x) => x.v)).toEqual([10]);
    expect(stateAt(entries, '2024-06-01').map((x) => [x.areaId, x.v])).toEqual([
      [1, 20],
      [2, 5],
      [3, 2],
    ]);
  });

  it('drops areas removed by the date', () => {
    expect(stateAt(entries, '2025-06-30').map((x) => x.areaId)).toEqual([1, 3]);
  });
});
