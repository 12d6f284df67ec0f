// The bulletin's charts, rendered on the server: ECharts in SSR mode to SVG (inlined in the
// HTML page), then resvg to PNG for the .docx (Word does not show SVG reliably).
import fs from 'node:fs';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { textToPaths } from './svg-text-paths';
import type { BulletinChart, BulletinChartKey } from '../../../../core/tasking/bulletin';

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

const FONT = 'Noto Sans CJK SC, Source Han Sans SC, SimHei, sans-serif';
/** Numbers are drawn with a small Latin font: resvg shapes each label with its font, and a
 * CJK collection costs tens of milliseconds per label where DejaVu costs a few. */
const NUMBER_FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

const FONT_CANDIDATES = {
  cjk: [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  ],
  latin: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  ],
};
let fontFiles: string[] | null = null;
/** One CJK and one Latin font file; none found → resvg scans the system fonts (slower). */
function chartFontFiles(): string[] {
  fontFiles ??= Object.values(FONT_CANDIDATES).flatMap((list) =>
    list.filter((f) => fs.existsSync(f)).slice(0, 1),
  );
  return fontFiles;
}

function option(chart: BulletinChart): echarts.EChartsCoreOption {
  const category = {
    type: 'category',
    data: chart.categories,
    axisLabel: { fontSize: 15, interval: 0, rotate: chart.horizontal ? 0 : 40 },
    inverse: chart.horizontal,
  };
  const value = {
    type: 'value',
    minInterval: 1,
    axisLabel: {
      fontSize: 13,
      fontFamily: NUMBER_FONT,
      formatter: `{value}${chart.valueUnit === '%' ? '%' : ''}`,
    },
    max: chart.valueUnit === '%' ? 100 : undefined,
  };
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    backgroundColor: '#ffffff',
    legend: chart.series.length > 1 ? { top: 0, textStyle: { fontSize: 15 } } : undefined,
    grid: {
      left: 8,
      right: 24,
      top: chart.series.length > 1 ? 32 : 16,
      bottom: 8,
      containLabel: true,
    },
    xAxis: chart.horizontal ? value : category,
    yAxis: chart.horizontal ? category : value,
    series: chart.series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: chart.stacked ? 'total' : undefined,
      data: s.data,
      itemStyle: { color: s.color },
      barMaxWidth: 28,
      label: {
        show: !chart.stacked,
        position: chart.horizontal ? 'right' : 'top',
        fontSize: 13,
        fontFamily: NUMBER_FONT,
        formatter: chart.valueUnit === '%' ? '{c}%' : '{c}',
      },
    })),
  };
}

function size(key: BulletinChartKey, chart: BulletinChart): { width: number; height: number } {
  if (key === 'statusByDomain') return { width: 760, height: 90 + chart.categories.length * 34 };
  if (key === 'cityRanking') return { width: 760, height: 340 };
  return { width: 760, height: 280 };
}

export function renderChart(key: BulletinChartKey, chart: BulletinChart): RenderedChart {
  const { width, height } = size(key, chart);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    instance.setOption(option(chart));
    svg = instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
  const options = {
    fitTo: { mode: 'width' as const, value: width * 2 },
    font: {
      fontFiles: chartFontFiles(),
      loadSystemFonts: chartFontFiles().length < 2,
      defaultFontFamily: 'Noto Sans CJK SC',
    },
    background: '#ffffff',
  };
  const png = new Resvg(textToPaths(svg, options), options).render().asPng();
  return { svg, png, width, height };
}

export function renderCharts(
  charts: Record<BulletinChartKey, BulletinChart>,
): Record<BulletinChartKey, RenderedChart> {
  const out = {} as Record<BulletinChartKey, RenderedChart>;
  for (const key of Object.keys(charts) as BulletinChartKey[])
    out[key] = renderChart(key, charts[key]);
  return out;
}
