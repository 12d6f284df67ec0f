import { describe, expect, it } from 'vitest';
import {
  buildBulletin,
  bulletinDocNumber,
  bulletinNumeral,
  bulletinLight,
  resolveBulletinPeriod,
  type BulletinFigures,
  type BulletinTarget,
} from './bulletin';

const target = (code: string, status: BulletinTarget['status'], domainCode = 'D01') => ({
  code,
  domainCode,
  taskNumber: 1,
  taskTitle: '实施就业岗位扩容提质行动',
  indicator: `指标${code}`,
  status,
  value: 50,
  target: 100,
  unit: '万人',
  progress: 50,
  reason: '',
});

const zero = { general: 0, key: 0, listed: 0 };

function figures(): BulletinFigures {
  return {
    kind: 'quarterly',
    period: '2026Q3',
    from: '2026-07-01',
    asOf: '2026-09-30',
    domains: [
      { code: 'D01', number: 1, name: '就业领域民生工程', leadUnits: ['省人力资源社会保障厅'] },
      { code: 'D02', number: 2, name: '教育领域民生工程', leadUnits: ['省教育厅'] },
    ],
    targets: [
      target('T01.1', 'achieved'),
      target('T01.2', 'on_track'),
      target('T01.3', 'off_track'),
      target('T02.1', 'at_risk', 'D02'),
      target('T02.2', 'no_data', 'D02'),
    ],
    ledgerTotal: 10,
    ledgerLateCount: 1,
    ledgerLate: [
      {
        code: 'T01-001',
        title: '零工市场建设',
        ownerName: '梅州市',
        cityName: '梅州市',
        dueDate: '2026-09-01',
        percentDone: 40,
        status: 'delayed',
        overdueMilestone: { title: '完成选址', dueDate: '2026-08-01' },
      },
    ],
    supervision: {
      opened: 3,
      closed: 1,
      openedByLevel: { general: 1, key: 1, listed: 1 },
      closedByLevel: { ...zero, general: 1 },
      stillOpen: 2,
      openOverdueCount: 1,
      openOverdue: [
        {
          id: 7,
          title: '零工市场滞后',
          level: 'listed',
          targetName: '梅州市',
          replyDue: '2026-09-10',
        },
      ],
    },
    cities: [
      {
        code: '441400',
        name: '梅州市',
        rank: 2,
        onTrackShare: 0.5,
        assessed: 4,
        counts: { achieved: 1, on_track: 1, at_risk: 1, off_track: 1, no_data: 0 },
      },
      {
        code: '440100',
        name: '广州市',
        rank: 1,
        onTrackShare: 0.75,
        assessed: 4,
        counts: { achieved: 2, on_track: 1, at_risk: 1, off_track: 0, no_data: 0 },
      },
    ],
    satisfaction: null,
    hotline: { month: '2026-09', rate: 0.97, target: 0.98, belowTarget: ['梅州市'] },
  };
}

describe('bulletin content', () => {
  it('writes the overall sentence, numbered sections and the light lists', () => {
    const doc = buildBulletin(figures(), { issuedOn: '2026-10-01' });
    expect(doc.title).toBe('关于2026年第三季度全省民生十大工程推进情况的通报');
    expect(doc.docNumber).toBe('粤民生督〔2026〕  号');
    expect(doc.sections.map((s) => s.heading.slice(0, 2))).toEqual([
      '一、',
      '二、',
      '三、',
      '四、',
      '五、',
      '六、',
      '七、',
      '八、',
    ]);
    const overall = doc.sections[0]!.blocks[0]!;
    expect(overall.type === 'paragraph' && overall.text).toContain(
      '截至2026年9月30日，全省民生十大工程2个领域5项量化指标中，已完成1项、进展顺利1项、存在滞后风险1项、明显滞后1项、暂无数据1项。',
    );
    // 2 of 4 assessed are good: 50.0%.
    expect(overall.type === 'paragraph' && overall.text).toContain('占50.0%');
    const tables = doc.sections[2]!.blocks.filter((b) => b.type === 'table');
    expect(tables.map((t) => t.type === 'table' && t.rows.map((r) => r[0]))).toEqual([
      ['T01.3'],
      ['T02.1'],
      ['T01.1', 'T01.2'],
    ]);
    const ranking = doc.sections[5]!.blocks.find((b) => b.type === 'table')!;
    expect(ranking.type === 'table' && ranking.rows.map((r) => r[1])).toEqual(['广州市', '梅州市']);
    expect(doc.charts.statusByDomain.series.find((s) => s.name === '明显滞后')!.data).toEqual([
      1, 0,
    ]);
    expect(doc.charts.supervision.series.map((s) => s.data)).toEqual([
      [1, 1, 1],
      [1, 0, 0],
    ]);
    const hotline = JSON.stringify(doc.sections[6]);
    expect(hotline).toContain('按时办结率为97.0%，低于98%的目标要求；低于目标的地市有梅州市。');
  });

  it('keeps an edited title and intro, and numbers a published one', () => {
    const doc = buildBulletin(figures(), {
      issuedOn: '2026-10-08',
      title: '  第三季度通报 ',
      intro: '现通报如下。',
      docSequence: 12,
    });
    expect(doc.title).toBe('第三季度通报');
    expect(doc.intro).toBe('现通报如下。');
    expect(doc.docNumber).toBe('粤民生督〔2026〕12号');
    expect(bulletinDocNumber(2027, null)).toBe('粤民生督〔2027〕  号');
  });
});

describe('bulletin periods and words', () => {
  it('defaults to the last complete month or quarter, and adhoc to the last seven days', () => {
    expect(resolveBulletinPeriod('monthly', '2026-01-01')).toEqual({
      period: '2025-12',
      from: '2025-12-01',
      asOf: '2025-12-31',
    });
    expect(resolveBulletinPeriod('quarterly', '2026-10-01')).toEqual({
      period: '2026Q3',
      from: '2026-07-01',
      asOf: '2026-09-30',
    });
    expect(resolveBulletinPeriod('adhoc', '2026-11-30', undefined, '2026-11-29')).toEqual({
      period: '2026-11-29',
      from: '2026-11-23',
      asOf: '2026-11-29',
    });
    // A period still running is reported as of today.
    expect(resolveBulletinPeriod('monthly', '2026-11-20', '2026-11')).toMatchObject({
      asOf: '2026-11-20',
    });
  });

  it('refuses malformed or future periods with the field', () => {
    expect(resolveBulletinPeriod('monthly', '2026-11-20', '2026Q3')).toMatchObject({
      field: 'period',
    });
    expect(resolveBulletinPeriod('quarterly', '2026-11-20', '2027Q1')).toMatchObject({
      field: 'period',
    });
    expect(resolveBulletinPeriod('adhoc', '2026-11-20', undefined, '2026-12-01')).toMatchObject({
      field: 'asOf',
    });
  });

  it('numbers sections and maps statuses to lights', () => {
    expect([1, 8, 10, 11, 20, 23].map(bulletinNumeral)).toEqual([
      '一',
      '八',
      '十',
      '十一',
      '二十',
      '二十三',
    ]);
    expect(bulletinLight('off_track')).toBe('red');
    expect(bulletinLight('at_risk')).toBe('yellow');
    expect(bulletinLight('achieved')).toBe('green');
    expect(bulletinLight('no_data')).toBeNull();
  });
});
