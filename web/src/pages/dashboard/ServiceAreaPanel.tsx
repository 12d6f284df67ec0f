// 服务区充电设施 on the dashboard (issue 7): the charging-space ratios of expressway and
// national-road service areas against their targets and the service-area map of the
// 服务区充电 page, limited to the dashboard's unit; a point opens the service area's card.
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AreaUnit } from '../../api/analytics';
import { useOrgUnits } from '../../api/orgUnits';
import {
  useCompliance,
  useServiceAreas,
  type ClassSummary,
  type ComplianceReport,
  type GroupSummary,
} from '../../api/serviceAreas';
import { AreaCard } from '../service-areas/AreaCard';
import { formatPercent } from '../service-areas/format';
import { ServiceAreaMap } from '../service-areas/ServiceAreaMap';

/** The figures for the dashboard's unit: the province's, or its city's (a county's city). */
function figuresFor(
  report: ComplianceReport,
  cityCode: string | null,
): { summary: GroupSummary | null; newOrUpgraded: number | null } {
  if (cityCode) {
    const city = report.cities.find((c) => c.cityCode === cityCode);
    return { summary: city ?? null, newOrUpgraded: city?.newOrUpgraded ?? null };
  }
  return {
    summary: report.province ?? (report.cities.length === 1 ? report.cities[0]! : null),
    newOrUpgraded: report.newOrUpgraded.count,
  };
}

function RatioStat({ title, summary }: { title: string; summary: ClassSummary | undefined }) {
  const { t } = useTranslation();
  const ratio = summary?.ratioPercent ?? null;
  const met = ratio !== null && summary !== undefined && ratio >= summary.thresholdPercent;
  return (
    <Statistic
      title={title}
      value={formatPercent(ratio)}
      styles={{ content: { color: ratio === null ? undefined : met ? '#389e0d' : '#cf1322' } }}
      suffix={
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {summary
            ? t('serviceAreas.stats.target', { value: summary.thresholdPercent })
            : undefined}
        </Typography.Text>
      }
    />
  );
}

export function ServiceAreaPanel({ unit }: { unit: AreaUnit }) {
  const { t } = useTranslation();
  const orgs = useOrgUnits();
  const cityCode =
    unit.level === 'city'
      ? unit.code
      : unit.level === 'county'
        ? (orgs.data?.find((u) => u.code === unit.code)?.parentCode ?? null)
        : null;
  const areas = useServiceAreas();
  const compliance = useCompliance();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const select = useCallback((id: number) => setSelectedId(id), []);
  const shown = useMemo(
    () =>
      (areas.data ?? []).filter((a) =>
        unit.level === 'county'
          ? a.countyCode === unit.code
          : unit.level === 'city'
            ? a.cityCode === unit.code
            : true,
      ),
    [areas.data, unit],
  );
  const report = compliance.data;
  const figures = report ? figuresFor(report, cityCode) : null;
  const summary = figures?.summary;
  const selected = shown.find((a) => a.id === selectedId) ?? null;

  return (
    <Card
      size="small"
      title={t('analyticsPage.serviceAreas.title')}
      data-testid="dashboard-service-areas"
      extra={<Link to="/service-areas">{t('analyticsPage.serviceAreas.open')}</Link>}
    >
      <Row gutter={[12, 12]} data-testid="service-area-ratios">
        <Col xs={12} md={8}>
          <RatioStat
            title={t('serviceAreas.stats.expresswayRatio')}
            summary={summary?.expressway}
          />
        </Col>
        <Col xs={12} md={8}>
          <RatioStat title={t('serviceAreas.stats.nationalRatio')} summary={summary?.national} />
        </Col>
        <Col xs={24} md={8}>
          <Statistic
            title={t('serviceAreas.stats.newOrUpgraded')}
            value={figures?.newOrUpgraded ?? '—'}
            suffix={report && !cityCode ? `/ ${report.newOrUpgraded.target}` : undefined}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('analyticsPage.serviceAreas.caption', {
          count: shown.length,
          scope: unit.level === 'county' ? t('analyticsPage.serviceAreas.cityFigures') : '',
        })}{' '}
        {t('serviceAreas.map.hint')}
      </Typography.Paragraph>
      <ServiceAreaMap areas={shown} onSelect={select} height={400} />
      <AreaCard area={selected} onClose={() => setSelectedId(null)} />
    </Card>
  );
}
