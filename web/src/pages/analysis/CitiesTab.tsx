// 地市综合: how many of each city's targets are on track, its rank and late reports; a city
// opens its own targets (the page a mayor's office opens).
import { Alert, Card, Col, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  STATUS_COLOURS,
  STATUS_ORDER,
  useCities,
  useOverview,
  type AnalyticsParams,
  type CityComposite,
} from '../../api/analytics';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { ChartCard } from '../dashboard/ChartCard';
import { formatPercent } from '../dashboard/format';
import { TargetTable } from '../dashboard/TargetTable';

export function CitiesTab({
  params,
  city,
  onCity,
}: {
  params: AnalyticsParams;
  city: string | undefined;
  onCity: (code: string) => void;
}) {
  const { t } = useTranslation();
  const cities = useCities(params);
  if (cities.isPending) return <PageLoading />;
  if (cities.isError)
    return <LoadError error={cities.error} onRetry={() => void cities.refetch()} />;
  const rows = [...cities.data.cities].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  const selected = city ?? (rows.length === 1 ? rows[0]!.code : undefined);
  const label = (s: (typeof STATUS_ORDER)[number]) => t(`analyticsPage.status.${s}`);
  const c = (
    k:
      | 'rank'
      | 'unit'
      | 'region'
      | 'share'
      | 'assessed'
      | 'late'
      | 'openSupervision'
      | 'overdueSupervision',
  ) => t(`analyticsPage.columns.${k}`);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <ChartCard
          title={t('analyticsPage.cityComposite')}
          height={Math.max(260, rows.length * 26)}
          testId="city-composite"
          onClick={(e) => {
            const hit = rows.find((r) => r.name === e.name);
            if (hit) onCity(hit.code);
          }}
          option={{
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0 },
            grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
            series: STATUS_ORDER.filter((s) => s !== 'no_data').map((s) => ({
              type: 'bar',
              stack: 'all',
              name: label(s),
              itemStyle: { color: STATUS_COLOURS[s] },
              data: rows.map((r) => r.counts[s]),
            })),
          }}
          table={{
            title: '地市指标达标情况',
            columns: [
              c('rank'),
              c('unit'),
              c('region'),
              ...STATUS_ORDER.map(label),
              c('assessed'),
              c('share'),
              c('late'),
              c('openSupervision'),
              c('overdueSupervision'),
            ],
            rows: rows.map((r) => [
              r.rank,
              r.name,
              r.region,
              ...STATUS_ORDER.map((s) => r.counts[s]),
              r.assessed,
              r.onTrackShare === null ? null : Number((r.onTrackShare * 100).toFixed(1)),
              r.lateReports,
              r.openSupervision,
              r.overdueSupervision,
            ]),
          }}
        />
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('analyticsPage.cityComposite')}>
          <Table<CityComposite>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={rows}
            onRow={(r) => ({ onClick: () => onCity(r.code), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.code === selected ? 'ant-table-row-selected' : '')}
            columns={[
              { title: c('rank'), dataIndex: 'rank', width: 60 },
              { title: c('unit'), dataIndex: 'name' },
              { title: c('region'), dataIndex: 'region', width: 80 },
              { title: label('achieved'), render: (_, r) => r.counts.achieved, width: 70 },
              { title: label('on_track'), render: (_, r) => r.counts.on_track, width: 80 },
              { title: label('at_risk'), render: (_, r) => r.counts.at_risk, width: 80 },
              { title: label('off_track'), render: (_, r) => r.counts.off_track, width: 80 },
              {
                title: c('share'),
                render: (_, r) =>
                  formatPercent(r.onTrackShare === null ? null : r.onTrackShare * 100),
                width: 100,
              },
              { title: c('late'), render: (_, r) => r.lateReports ?? '—', width: 80 },
              {
                title: c('openSupervision'),
                render: (_, r) =>
                  r.overdueSupervision > 0 ? (
                    <span>
                      {r.openSupervision}
                      <Typography.Text type="danger">
                        {' '}
                        {t('analyticsPage.overdueCount', { count: r.overdueSupervision })}
                      </Typography.Text>
                    </span>
                  ) : (
                    r.openSupervision
                  ),
                width: 110,
              },
            ]}
          />
          {cities.data.notes.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              title={t('analyticsPage.notes')}
              description={cities.data.notes.join('；')}
            />
          )}
        </Card>
      </Col>
      {selected && (
        <Col xs={24}>
          <CityTargets code={selected} params={params} />
        </Col>
      )}
    </Row>
  );
}

function CityTargets({ code, params }: { code: string; params: AnalyticsParams }) {
  const overview = useOverview({ ...params, unit: code });
  if (overview.isPending) return <PageLoading />;
  if (overview.isError) return <LoadError error={overview.error} />;
  return <TargetTable overview={overview.data} />;
}
