// Headline figures: the two ratios against their targets, the share individually compliant,
// the count of new or upgraded expressway areas against 120, and the total gap.
import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplianceReport, GroupSummary } from '../../api/serviceAreas';
import { formatInt, formatPercent } from './format';

function sumOfCities(report: ComplianceReport): GroupSummary | null {
  // A city user sees only its own city; its "province" figures are its own.
  return report.province ?? (report.cities.length === 1 ? report.cities[0]! : null);
}

export function SummaryCards({ report }: { report: ComplianceReport }) {
  const { t } = useTranslation();
  const total = sumOfCities(report);
  const ex = total?.expressway;
  const na = total?.national;
  const assessed = (ex?.assessed ?? 0) + (na?.assessed ?? 0);
  const compliant = (ex?.compliant ?? 0) + (na?.compliant ?? 0);
  const nu = report.newOrUpgraded;
  return (
    <Row gutter={[16, 16]} data-testid="service-area-summary">
      <Col xs={24} sm={12} xl={5}>
        <Card size="small">
          <Statistic
            title={t('serviceAreas.stats.expresswayRatio')}
            value={formatPercent(ex?.ratioPercent ?? null)}
            styles={{
              content: {
                color:
                  (ex?.ratioPercent ?? 0) >= report.thresholds.expressway ? '#389e0d' : '#cf1322',
              },
            }}
          />
          <Typography.Text type="secondary">
            {t('serviceAreas.stats.target', { value: report.thresholds.expressway })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={5}>
        <Card size="small">
          <Statistic
            title={t('serviceAreas.stats.nationalRatio')}
            value={formatPercent(na?.ratioPercent ?? null)}
            styles={{
              content: {
                color:
                  (na?.ratioPercent ?? 0) >= report.thresholds.national ? '#389e0d' : '#cf1322',
              },
            }}
          />
          <Typography.Text type="secondary">
            {t('serviceAreas.stats.target', { value: report.thresholds.national })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={5}>
        <Card size="small">
          <Statistic
            title={t('serviceAreas.stats.compliantShare')}
            value={formatPercent(assessed ? (compliant / assessed) * 100 : null)}
          />
          <Typography.Text type="secondary">
            {t('serviceAreas.stats.compliantOf', { compliant, assessed })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={5}>
        <Card size="small">
          <Statistic
            title={t('serviceAreas.stats.newOrUpgraded')}
            value={nu.count}
            suffix={`/ ${nu.target}`}
          />
          <Progress
            percent={Math.min(100, Math.round((nu.count / nu.target) * 100))}
            size="small"
          />
        </Card>
      </Col>
      <Col xs={24} sm={24} xl={4}>
        <Card size="small">
          <Statistic title={t('serviceAreas.stats.gap')} value={formatInt(total?.gap ?? 0)} />
          <Typography.Text type="secondary">{t('serviceAreas.stats.gapHint')}</Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}
