// 业务分析: regional gaps and dispersion, the cities' composite (mayor's-office view) and, for
// the supervision office and administrators, what the public portal shows.
import { Space, Switch, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useOverview } from '../../api/analytics';
import { useCurrentUser } from '../../components/CurrentUser';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { CitiesTab } from './CitiesTab';
import { PublishTab } from './PublishTab';
import { RegionsTab } from './RegionsTab';

export default function AnalysisPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const set = (k: string, v: string | null) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (v) next.set(k, v);
      else next.delete(k);
      return next;
    });
  const includeSubmitted = search.get('submitted') === '1';
  const params = { includeSubmitted };
  const provinceWide =
    user.role === 'supervisor' ||
    user.role === 'sysadmin' ||
    user.role === 'department' ||
    (user.role === 'viewer' && !user.unitCode);
  const overview = useOverview({
    ...params,
    unit: provinceWide ? '440000' : (user.unitCode ?? undefined),
  });
  if (overview.isPending) return <PageLoading />;
  if (overview.isError)
    return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const rows = overview.data.domains.flatMap((d) => d.targets);
  const targetOptions = rows.map((r) => ({ value: r.code, label: `${r.code} ${r.indicator}` }));
  const regionTarget =
    search.get('target') ??
    rows.find((r) => r.unit === '%' && r.kind === 'level' && r.status !== 'no_data')?.code ??
    rows[0]?.code;
  const canPublish = user.role === 'supervisor' || user.role === 'sysadmin';
  const tab = search.get('tab') ?? (provinceWide ? 'regions' : 'cities');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('analyticsPage.analysisTitle')}
        </Typography.Title>
        <Space size={4}>
          <Switch
            checked={includeSubmitted}
            onChange={(on) => set('submitted', on ? '1' : null)}
            aria-label={t('analyticsPage.includeSubmitted')}
          />
          <Typography.Text>{t('analyticsPage.includeSubmitted')}</Typography.Text>
          <Typography.Text type="secondary">
            · {t('analyticsPage.asOf', { date: overview.data.asOf })}
          </Typography.Text>
        </Space>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          ...(provinceWide
            ? [
                {
                  key: 'regions',
                  label: t('analyticsPage.tabs.regions'),
                  children: (
                    <RegionsTab
                      targets={targetOptions}
                      code={regionTarget}
                      onCode={(c) => set('target', c)}
                      params={params}
                    />
                  ),
                },
              ]
            : []),
          {
            key: 'cities',
            label: t('analyticsPage.tabs.cities'),
            children: (
              <CitiesTab
                params={params}
                city={search.get('city') ?? undefined}
                onCity={(c) => set('city', c)}
              />
            ),
          },
          ...(canPublish
            ? [
                {
                  key: 'publish',
                  label: t('analyticsPage.tabs.publish'),
                  children: <PublishTab targets={rows} />,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
