import { describe, expect, it } from 'vitest';
import { beijingMonth, closureRate, mapHeader, parseTicketRow, parseTime } from './hotline';

describe('hotline rows', () => {
  const { columns, missing } = mapHeader([
    '工单编号',
    '受理时间',
    '办理时限',
    '办结时间',
    '诉求类别',
    '地市',
    '区县',
    '状态',
  ]);
  it('maps Chinese and English headers, naming missing ones', () => {
    expect(missing).toEqual([]);
    expect(mapHeader(['ticket_id', 'received_at', 'city']).missing).toEqual([
      '办理时限',
      '诉求类别',
      '状态',
    ]);
  });
  it('reads Beijing wall-clock times and ISO times', () => {
    expect(parseTime('2025-07-01 08:30')).toBe('2025-07-01T00:30:00.000Z');
    expect(parseTime('2025/7/1')).toBe('2025-06-30T16:00:00.000Z');
    expect(parseTime('2025-07-01T00:30:00Z')).toBe('2025-07-01T00:30:00.000Z');
    expect(parseTime('2025-02-30')).toBeNull();
    expect(parseTime('昨天')).toBeNull();
    expect(beijingMonth('2025-06-30T16:00:00.000Z')).toBe('2025-07');
  });
  it('marks on-time, late and open tickets, and consumer complaints', () => {
    const row = (closed: string) =>
      parseTicketRow(
        ['T1', '2025-07-01 09:00', '2025-07-03 18:00', closed, '消费维权-退款', '梅州市', '', ''],
        columns,
      );
    expect(row('2025-07-03 18:00')).toMatchObject({
      row: { onTime: 1, consumer: true, status: '已办结' },
    });
    expect(row('2025-07-03 18:01')).toMatchObject({ row: { onTime: 0 } });
    expect(row('')).toMatchObject({ row: { onTime: null, closedAt: null, status: '办理中' } });
    expect(row('2025-06-30 09:00')).toEqual({ problem: '办结时间早于受理时间' });
  });
  it('computes the rate over decided tickets against 98%', () => {
    expect(
      closureRate({ closedOnTime: 98, closedLate: 1, openOverdue: 1, openPending: 50 }),
    ).toMatchObject({
      decided: 100,
      rate: 0.98,
      meetsTarget: true,
    });
    expect(
      closureRate({ closedOnTime: 0, closedLate: 0, openOverdue: 0, openPending: 3 }).rate,
    ).toBeNull();
  });
});
