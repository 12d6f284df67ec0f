// 服务区充电: compliance overview with the map, the fix-first list and each city's figures;
// the gap plan with what-if; the registry with import.
import { Card, Col, Row, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { useCompliance, useServiceAreas } from '../../api/serviceAreas';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { AreaCard } from './AreaCard';
import { CityTable } from './CityTable';
import { FixFirstList } from './FixFirstList';
import { GapPlanPanel } from './GapPlanPanel';
import { RegistryTable } from './RegistryTable';
import { ServiceAreaMap } from './ServiceAreaMap';
import { SummaryCards } from './SummaryCards';

const WRITERS = new Set(['department', 'city', 'county']);

export default function ServiceAreasPage() {
  const { t } = useTranslation();
  const session = useSession();
  const areas = useServiceAreas();
  const compliance = useCompliance();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const select = useCallback((id: number) => setSelectedId(id), []);

  if (areas.isPending || compliance.isPending) return <PageLoading />;
  if (areas.isError) return <LoadError error={areas.error} onRetry={() => void areas.refetch()} />;
  if (compliance.isError)
    return <LoadError error={compliance.error} onRetry={() => void compliance.refetch()} />;

  const report = compliance.data;
  const selected = areas.data.find((a) => a.id === selectedId) ?? null;
  const canWrite = WRITERS.has(session.data?.user.role ?? '');

  const overview = (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <SummaryCards report={report} />
      </Col>
      <Col xs={24} xl={13}>
        <Card
          title={t('serviceAreas.map.title')}
          extra={<Typography.Text type="secondary">{t('serviceAreas.map.hint')}</Typography.Text>}
        >
          <ServiceAreaMap areas={areas.data} onSelect={select} />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card
          title={t('serviceAreas.fixFirst.title')}
          extra={
            <Typography.Text type="secondary">{t('serviceAreas.fixFirst.hint')}</Typography.Text>
          }
        >
          <FixFirstList rows={report.fixFirst} onSelect={select} />
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('serviceAreas.cities.title')}>
          <CityTable cities={report.cities} />
        </Card>
      </Col>
    </Row>
  );

  return (
    <div style={{ padding: 24 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('serviceAreas.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('serviceAreas.subtitle')} {t('serviceAreas.stats.asOf', { date: report.at })}
        {report.province === null ? ` · ${t('serviceAreas.stats.ownScope')}` : ''}
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'overview', label: t('serviceAreas.tabs.overview'), children: overview },
          { key: 'plan', label: t('serviceAreas.tabs.plan'), children: <GapPlanPanel /> },
          {
            key: 'registry',
            label: t('serviceAreas.tabs.registry'),
            children: <RegistryTable areas={areas.data} canWrite={canWrite} onSelect={select} />,
          },
        ]}
      />
      <AreaCard area={selected} onClose={() => setSelectedId(null)} />
    </div>
  );
}
