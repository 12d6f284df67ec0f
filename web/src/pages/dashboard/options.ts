// ECharts options for the dashboard: status by domain, the Guangdong map, unit bars and the
// trend of one target (actual, trajectory, forecast).
import {
  STATUS_COLOURS,
  STATUS_ORDER,
  type Overview,
  type TargetDetail,
  type TargetStatusKey,
  type UnitRow,
} from '../../api/analytics';
import type { IndexCell } from '../../api/surveys';
import type { EChartsOption } from './echarts';
import { formatNumber, formatPercent, withUnit } from './format';

type Label = (status: TargetStatusKey) => string;

export function domainStatusOption(overview: Overview, label: Label): EChartsOption {
  const domains = overview.domains.map((d) => d.name.replace(/民生工程$/, ''));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: domains, inverse: true },
    series: STATUS_ORDER.map((status) => ({
      type: 'bar',
      name: label(status),
      stack: 'status',
      itemStyle: { color: STATUS_COLOURS[status] },
      data: overview.domains.map((d) => d.counts[status]),
    })),
  };
}

export type MapMetric = 'value' | 'achievement';

export function mapOption(
  units: UnitRow[],
  metric: MapMetric,
  unit: string,
  label: Label,
): EChartsOption {
  const data = units.map((u) => ({
    name: u.unitName,
    value: metric === 'value' ? u.value : u.progress,
    unitCode: u.unitCode,
    itemStyle: metric === 'achievement' ? { areaColor: STATUS_COLOURS[u.status] } : undefined,
    row: u,
  }));
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data?: { row?: UnitRow } }) => {
        const u = p.data?.row;
        if (!u) return '';
        return `<b>${u.unitName}</b> ${label(u.status)}<br/>${withUnit(u.value, unit)} · 完成率 ${formatPercent(u.progress)}<br/><span style="white-space:normal">${u.reason}</span>`;
      },
      extraCssText: 'max-width:360px;white-space:normal',
    },
    visualMap:
      metric === 'value' && values.length > 0
        ? {
            min: Math.min(...values),
            max: Math.max(...values),
            calculable: true,
            left: 8,
            bottom: 8,
            inRange: { color: ['#e6f4ff', '#69b1ff', '#0958d9'] },
            formatter: (v: number) => formatNumber(v),
          }
        : undefined,
    series: [guangdongSeries(data)],
  };
}

/** The Guangdong map series every city map on the dashboard draws (boundaries from /api/geo). */
function guangdongSeries(data: unknown[]) {
  return {
    type: 'map',
    map: 'guangdong',
    roam: false,
    selectedMode: false,
    label: { show: true, fontSize: 10 },
    emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd666' } },
    data,
  };
}

const INSUFFICIENT_COLOUR = '#d9d9d9';

export interface SatisfactionLabels {
  index: string;
  sampleSize: string;
  insufficient: string;
  minN: string;
}

/** Cities coloured by their satisfaction index (0–100); too few answers in grey. */
export function satisfactionMapOption(
  cells: IndexCell[],
  minN: number,
  labels: SatisfactionLabels,
): EChartsOption {
  const data = cells.map((c) => ({
    name: c.placeName,
    value: c.index,
    itemStyle: c.status === 'insufficient' ? { areaColor: INSUFFICIENT_COLOUR } : undefined,
    cell: c,
  }));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; data?: { cell?: IndexCell } }) => {
        const c = p.data?.cell;
        if (!c) return `<b>${p.name}</b><br/>${labels.sampleSize} 0`;
        const figure =
          c.status === 'ok'
            ? `${labels.index} <b>${formatNumber(c.index)}</b>（95% CI ${formatNumber(c.ciLow)}–${formatNumber(c.ciHigh)}）`
            : `${labels.insufficient}（${labels.minN} ${minN}）`;
        return `<b>${c.placeName}</b><br/>${figure}<br/>${labels.sampleSize} ${c.n}`;
      },
    },
    visualMap: {
      min: 0,
      max: 100,
      calculable: true,
      left: 8,
      bottom: 8,
      inRange: { color: ['#f5222d', '#faad14', '#fadb14', '#52c41a', '#237804'] },
    },
    series: [guangdongSeries(data)],
  };
}

export function unitBarOption(units: UnitRow[], unit: string, label: Label): EChartsOption {
  const sorted = [...units].sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const u = sorted[p.dataIndex]!;
        return `<b>${u.unitName}</b> ${label(u.status)}<br/>${withUnit(u.value, unit)}<br/><span style="white-space:normal">${u.reason}</span>`;
      },
      extraCssText: 'max-width:360px;white-space:normal',
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '完成率%' },
    yAxis: { type: 'category', data: sorted.map((u) => u.unitName), inverse: true },
    series: [
      {
        type: 'bar',
        data: sorted.map((u) => ({
          value: u.progress === null ? 0 : Number(u.progress.toFixed(2)),
          itemStyle: { color: STATUS_COLOURS[u.status] },
          unitCode: u.unitCode,
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => `${p.value}%`,
        },
      },
    ],
  };
}

export function trendOption(
  detail: TargetDetail,
  names: { actual: string; trajectory: string; forecast: string },
  /** Where the target moved in a plan revision (动态调整): a dashed vertical line each. */
  revisionMarks: Array<{ date: string; label: string }> = [],
): EChartsOption {
  const { trend, target } = detail;
  const goalLine =
    target.comparator === 'decreasing'
      ? []
      : [
          {
            yAxis: target.target,
            label: { formatter: `目标 ${withUnit(target.target, target.unit)}` },
          },
        ];
  const moves = revisionMarks.map((m) => ({
    xAxis: m.date,
    label: { formatter: m.label, position: 'insideEndTop' as const },
    lineStyle: { color: '#722ed1', type: 'dashed' as const },
  }));
  const pts = (xs: typeof trend.actual) => xs.map((p) => [p.date, Number(p.value.toFixed(4))]);
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => withUnit(typeof v === 'number' ? v : null, target.unit),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: target.unit, scale: true },
    series: [
      {
        type: 'line',
        name: names.actual,
        data: pts(trend.actual),
        symbolSize: 6,
        itemStyle: { color: '#1677ff' },
        markLine:
          goalLine.length + moves.length === 0
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { color: '#8c8c8c', type: 'dotted' },
                data: [...goalLine, ...moves],
              },
      },
      {
        type: 'line',
        name: names.trajectory,
        data: pts(trend.trajectory),
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#52c41a' },
        itemStyle: { color: '#52c41a' },
      },
      {
        type: 'line',
        name: names.forecast,
        data: pts(trend.forecast),
        lineStyle: { type: 'dotted', width: 2, color: '#fa8c16' },
        itemStyle: { color: '#fa8c16' },
      },
    ],
  };
}
