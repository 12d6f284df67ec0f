// 区域分析: one target for 珠三角/粤东/粤西/粤北 by year, the gap between them, and the
// dispersion across the 21 cities (coefficient of variation, Theil index).
import { Alert, Col, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTargetRegions, type AnalyticsParams, type TargetRegions } from '../../api/analytics';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { ChartCard } from '../dashboard/ChartCard';
import type { EChartsOption } from '../dashboard/echarts';
import { formatNumber } from '../dashboard/format';

const REGION_COLOURS = ['#1677ff', '#fa8c16', '#52c41a', '#722ed1'];

function regionOption(data: TargetRegions): EChartsOption {
  const years = data.years.map((y) => String(y.year));
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => `${formatNumber(v as number)}${data.target.unit}`,
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', name: data.target.unit, scale: true },
    series: data.regions.map((r, i) => ({
      type: 'line',
      name: r,
      itemStyle: { color: REGION_COLOURS[i] },
      data: data.years.map((y) => y.regions[r] ?? null),
    })),
  };
}

function dispersionOption(
  data: TargetRegions,
  names: { cv: string; theil: string; gap: string },
): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatNumber(v as number) },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.years.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', name: names.cv },
      { type: 'value', name: names.gap, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: names.cv, data: data.years.map((y) => y.cv) },
      { type: 'line', name: names.theil, data: data.years.map((y) => y.theil) },
      {
        type: 'bar',
        name: names.gap,
        yAxisIndex: 1,
        barWidth: 18,
        itemStyle: { opacity: 0.4 },
        data: data.years.map((y) => y.gap),
      },
    ],
  };
}

export function RegionsTab({
  targets,
  code,
  onCode,
  params,
}: {
  targets: Array<{ value: string; label: string }>;
  code: string | undefined;
  onCode: (code: string) => void;
  params: AnalyticsParams;
}) {
  const { t } = useTranslation();
  const regions = useTargetRegions(code, params);
  const c = (k: 'cv' | 'theil' | 'gap' | 'year') => t(`analyticsPage.columns.${k}`);
  const trend = regions.data ? trendWords(regions.data) : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap>
        <Typography.Text strong>{t('analyticsPage.target')}</Typography.Text>
        <Select
          showSearch
          style={{ minWidth: 420 }}
          value={code}
          optionFilterProp="label"
          onChange={onCode}
          options={targets}
          aria-label={t('analyticsPage.chooseTarget')}
        />
      </Space>
      {regions.isPending && code && <PageLoading />}
      {regions.isError && (
        <LoadError error={regions.error} onRetry={() => void regions.refetch()} />
      )}
      {regions.data && (
        <>
          {regions.data.years.every((y) => y.cities === 0) && (
            <Alert type="info" showIcon title={t('analyticsPage.unitsNoData')} />
          )}
          {trend && (
            <Alert type={trend.narrowing ? 'success' : 'warning'} showIcon title={trend.text} />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ChartCard
                title={`${t('analyticsPage.regionValues')} · ${regions.data.target.indicator}`}
                option={regionOption(regions.data)}
                testId="region-values"
                table={{
                  title: `${regions.data.target.indicator} 分区域`,
                  columns: [c('year'), ...regions.data.regions, c('gap')],
                  rows: regions.data.years.map((y) => [
                    y.year,
                    ...regions.data.regions.map((r) => y.regions[r] ?? null),
                    y.gap,
                  ]),
                }}
              />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard
                title={`${t('analyticsPage.dispersion')}（${regions.data.dispersionOf === 'progress' ? t('analyticsPage.dispersionByProgress') : t('analyticsPage.dispersionByValue')}）`}
                option={dispersionOption(regions.data, {
                  cv: c('cv'),
                  theil: c('theil'),
                  gap: c('gap'),
                })}
                testId="dispersion"
                table={{
                  title: `${regions.data.target.indicator} 离散程度`,
                  columns: [c('year'), c('cv'), c('theil'), c('gap'), '城市数'],
                  rows: regions.data.years.map((y) => [y.year, y.cv, y.theil, y.gap, y.cities]),
                }}
              />
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

/** Whether the cities' dispersion narrowed from the first to the last year, in words. */
function trendWords(data: TargetRegions): { narrowing: boolean; text: string } | null {
  const withCv = data.years.filter((y) => y.cv !== null);
  if (withCv.length < 2) return null;
  const first = withCv[0]!;
  const last = withCv[withCv.length - 1]!;
  const narrowing = last.cv! <= first.cv!;
  return {
    narrowing,
    text: `${first.year}—${last.year}年，地市间变异系数由${formatNumber(first.cv)}${narrowing ? '降至' : '升至'}${formatNumber(last.cv)}，差距${narrowing ? '缩小' : '扩大'}；${last.year}年${last.highest ?? ''}最高、${last.lowest ?? ''}最低。`,
  };
}
