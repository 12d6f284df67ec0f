// 情况展示: the province (or a city, a county) at a glance — targets by status per domain, the
// off-track list with reasons, the Guangdong map for any target, its trend and ranking, the
// satisfaction index and the service areas' charging spaces on the map, and a large-screen mode
// for a meeting-room display.
import { ArrowUpOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  ConfigProvider,
  Flex,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Switch,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STATUS_COLOURS,
  STATUS_ORDER,
  useOverview,
  useTargetDetail,
  useTargetUnits,
  type Overview,
  type TargetRow,
  type TargetStatusKey,
} from '../../api/analytics';
import { apiGet } from '../../api/client';
import { useOrgUnits } from '../../api/orgUnits';
import { useCurrentUser } from '../../components/CurrentUser';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { ChartCard } from './ChartCard';
import { echarts } from './echarts';
import { formatPercent, goalText, withUnit } from './format';
import { domainStatusOption, mapOption, trendOption, unitBarOption } from './options';
import { StatusTag } from './StatusTag';
import { TargetTable } from './TargetTable';
import { SatisfactionPanel } from './SatisfactionPanel';
import { ServiceAreaPanel } from './ServiceAreaPanel';
import { revisionMarks } from '../revisions/revisionMarks';
import { periodOptions, useDashboardState } from './useDashboardState';
import styles from './DashboardPage.module.css';

const PROVINCE = '440000';

/** The boundaries, registered with ECharts; the cache entry (the GeoJSON) is shared with the
 * service-area map, so the data must stay the GeoJSON and registration happens in `select`. */
function useGeo() {
  return useQuery({
    queryKey: ['geo', 'guangdong'],
    queryFn: ({ signal }) => apiGet<object>('/api/geo/guangdong', signal),
    select: registerGuangdong,
    staleTime: Infinity,
  });
}

function registerGuangdong(geo: object): true {
  if (!echarts.getMap('guangdong')) echarts.registerMap('guangdong', geo as never);
  return true;
}

export default function DashboardPage() {
  const user = useCurrentUser();
  const defaultUnit =
    (user.role === 'city' || user.role === 'county') && user.unitCode ? user.unitCode : PROVINCE;
  const state = useDashboardState(defaultUnit);
  const overview = useOverview(state.params);
  const [bigScreen, setBigScreen] = useState(false);

  const toggleBigScreen = () => {
    const next = !bigScreen;
    setBigScreen(next);
    if (next) void document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };

  if (overview.isPending) return <PageLoading />;
  if (overview.isError)
    return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;

  const body = (
    <DashboardBody
      overview={overview.data}
      state={state}
      bigScreen={bigScreen}
      onToggleBigScreen={toggleBigScreen}
    />
  );
  if (!bigScreen) return body;
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div className={styles.bigScreen} data-testid="big-screen">
        {body}
      </div>
    </ConfigProvider>
  );
}

interface BodyProps {
  overview: Overview;
  state: ReturnType<typeof useDashboardState>;
  bigScreen: boolean;
  onToggleBigScreen: () => void;
}

function DashboardBody({ overview, state, bigScreen, onToggleBigScreen }: BodyProps) {
  const { t } = useTranslation();
  const label = (s: TargetStatusKey) => t(`analyticsPage.status.${s}`);
  const rows = useMemo(() => overview.domains.flatMap((d) => d.targets), [overview]);
  const targetCode = state.target ?? pickDefaultTarget(rows);
  const selected = rows.find((r) => r.code === targetCode);
  const geo = useGeo();
  const domainNames = useMemo(
    () => new Map(overview.domains.map((d) => [d.code, d.name])),
    [overview],
  );

  return (
    <div className={styles.page}>
      <Toolbar
        overview={overview}
        state={state}
        bigScreen={bigScreen}
        onToggleBigScreen={onToggleBigScreen}
      />
      <StatusSummary overview={overview} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('analyticsPage.overview')}
            option={domainStatusOption(overview, label)}
            dark={bigScreen}
            height={380}
            testId="domain-status"
            table={{
              title: `${overview.unit.name}各领域指标状态`,
              columns: [t('analyticsPage.columns.domain'), ...STATUS_ORDER.map(label)],
              rows: overview.domains.map((d) => [d.name, ...STATUS_ORDER.map((s) => d.counts[s])]),
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <OffTrackCard overview={overview} onSelect={(code) => state.set({ target: code })} />
        </Col>
      </Row>
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>{t('analyticsPage.target')}</Typography.Text>
          <Select
            showSearch
            aria-label={t('analyticsPage.chooseTarget')}
            style={{ minWidth: 420 }}
            value={targetCode}
            optionFilterProp="label"
            onChange={(code: string) => state.set({ target: code })}
            options={rows.map((r) => ({ value: r.code, label: `${r.code} ${r.indicator}` }))}
          />
          {selected && (
            <>
              <Typography.Text>{goalText(selected)}</Typography.Text>
              <StatusTag status={selected.status} provisional={selected.provisional} />
              <Typography.Text type="secondary" data-testid="selected-reason">
                {selected.reason}
              </Typography.Text>
            </>
          )}
        </Space>
      </Card>
      {targetCode && (
        <TargetPanels
          code={targetCode}
          state={state}
          unitLevel={overview.unit.level}
          bigScreen={bigScreen}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <SatisfactionPanel
            domainNames={domainNames}
            geoReady={geo.data === true}
            dark={bigScreen}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ServiceAreaPanel unit={overview.unit} />
        </Col>
      </Row>
      <TargetTable overview={overview} onSelect={(code) => state.set({ target: code })} />
    </div>
  );
}

/** The first off-track target, or the first with data. */
function pickDefaultTarget(rows: TargetRow[]): string | undefined {
  return (
    rows.find((r) => r.status === 'off_track' && r.unit !== '%' && r.value !== null)?.code ??
    rows.find((r) => r.status !== 'no_data')?.code ??
    rows[0]?.code
  );
}

function Toolbar({ overview, state, bigScreen, onToggleBigScreen }: BodyProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const orgs = useOrgUnits();
  const chain: Array<{ code: string; name: string }> = [];
  for (let code: string | null = overview.unit.code; code;) {
    const u = orgs.data?.find((x) => x.code === code);
    if (!u) break;
    chain.unshift({ code: u.code, name: u.name });
    code = u.parentCode;
  }
  // City and county users may go up only as far as their own unit.
  const own = chain.findIndex((c) => c.code === user.unitCode);
  const limited = user.role === 'city' || user.role === 'county' || user.role === 'viewer';
  const reachable = (code: string) => {
    const i = chain.findIndex((c) => c.code === code);
    return !limited || !user.unitCode || (own >= 0 && i >= own);
  };
  const up = chain.length > 1 ? chain[chain.length - 2] : undefined;
  return (
    <Flex wrap gap={12} align="center" justify="space-between" className={styles.toolbar}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('analyticsPage.dashboardTitle')}
        </Typography.Title>
        <Breadcrumb
          data-testid="unit-breadcrumb"
          items={chain.map((c) => ({
            title: reachable(c.code) ? (
              <a onClick={() => state.set({ unit: c.code })}>{c.name}</a>
            ) : (
              c.name
            ),
          }))}
        />
        {up && reachable(up.code) && (
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            onClick={() => state.set({ unit: up.code })}
          >
            {t('analyticsPage.back')}
          </Button>
        )}
      </Space>
      <Space wrap align="center">
        <Typography.Text type="secondary">
          {t('analyticsPage.asOf', { date: overview.asOf })}
        </Typography.Text>
        {overview.planRevision && (
          <Tag color="purple" data-testid="plan-revision">
            {t('planChanges.inForceTag', {
              n: overview.planRevision.number,
              date: overview.planRevision.effectiveFrom,
            })}
          </Tag>
        )}
        <Select
          aria-label={t('analyticsPage.period')}
          style={{ width: 130 }}
          value={state.period ?? ''}
          onChange={(v: string) => state.set({ period: v || null })}
          options={[
            { value: '', label: t('analyticsPage.latest') },
            ...periodOptions(2023).map((p) => ({ value: p, label: p })),
          ]}
        />
        <Space size={4}>
          <Switch
            checked={state.includeSubmitted}
            onChange={(on) => state.set({ submitted: on ? '1' : null })}
            aria-label={t('analyticsPage.includeSubmitted')}
          />
          <Typography.Text>{t('analyticsPage.includeSubmitted')}</Typography.Text>
        </Space>
        <Button
          icon={bigScreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
          onClick={onToggleBigScreen}
        >
          {bigScreen ? t('analyticsPage.exitBigScreen') : t('analyticsPage.bigScreen')}
        </Button>
      </Space>
    </Flex>
  );
}

function StatusSummary({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} data-testid="status-counts">
      {STATUS_ORDER.map((s) => (
        <Col key={s} xs={12} sm={8} md={4} style={{ flex: 1 }}>
          <Card size="small">
            <Statistic
              title={t(`analyticsPage.status.${s}`)}
              value={overview.counts[s]}
              suffix={t('analyticsPage.targets')}
              valueStyle={{ color: STATUS_COLOURS[s] }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function OffTrackCard({
  overview,
  onSelect,
}: {
  overview: Overview;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={`${t('analyticsPage.offTrack')}（${overview.offTrack.length}）`}
      data-testid="off-track"
    >
      <div className={styles.offTrackList}>
        {overview.offTrack.length === 0 && (
          <Typography.Text type="secondary">{t('analyticsPage.noOffTrack')}</Typography.Text>
        )}
        {overview.offTrack.map((r) => (
          <div key={r.code} className={styles.offTrackItem}>
            <a onClick={() => onSelect(r.code)}>
              {r.code} {r.indicator}
            </a>{' '}
            <Typography.Text type="secondary">{goalText(r)}</Typography.Text>
            <div>{r.reason}</div>
          </div>
        ))}
      </div>
    </Card>
  );
}

function TargetPanels({
  code,
  state,
  unitLevel,
  bigScreen,
}: {
  code: string;
  state: ReturnType<typeof useDashboardState>;
  unitLevel: string;
  bigScreen: boolean;
}) {
  const { t } = useTranslation();
  const label = (s: TargetStatusKey) => t(`analyticsPage.status.${s}`);
  const detail = useTargetDetail(code, state.params);
  const hasChildren = unitLevel === 'province' || unitLevel === 'city';
  const units = useTargetUnits(hasChildren ? code : undefined, state.params);
  const geo = useGeo();
  const unitRows = units.data?.units ?? [];
  const target = detail.data?.target;
  const unitName = target?.unit ?? '';
  const drill = (name: string) => {
    const u = unitRows.find((x) => x.unitName === name);
    if (u) state.set({ unit: u.unitCode });
  };
  const rankingTable = {
    title: `${target?.indicator ?? code} ${unitLevel === 'province' ? '地市' : '县区'}排名`,
    columns: ['排名', '地区', '数值', '单位目标', '完成率', '状态', '说明'],
    rows: [...unitRows]
      .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))
      .map((u) => [u.rank, u.unitName, u.value, u.target, u.progress, label(u.status), u.reason]),
  };

  return (
    <Row gutter={[16, 16]}>
      {hasChildren && (
        <Col xs={24} xl={12}>
          <ChartCard
            title={
              unitLevel === 'province' ? t('analyticsPage.map') : t('analyticsPage.countyRanking')
            }
            testId="dashboard-map"
            dark={bigScreen}
            height={460}
            onClick={(e) => drill(e.name)}
            extra={
              unitLevel === 'province' ? (
                <Segmented
                  size="small"
                  value={state.metric}
                  onChange={(m) => state.set({ metric: m })}
                  options={[
                    { value: 'achievement', label: t('analyticsPage.mapMetric.achievement') },
                    { value: 'value', label: t('analyticsPage.mapMetric.value') },
                  ]}
                />
              ) : undefined
            }
            option={
              units.data && (unitLevel !== 'province' || geo.data)
                ? unitLevel === 'province'
                  ? mapOption(unitRows, state.metric, unitName, label)
                  : unitBarOption(unitRows, unitName, label)
                : null
            }
            table={rankingTable}
          />
        </Col>
      )}
      <Col xs={24} xl={hasChildren ? 12 : 24}>
        <ChartCard
          title={`${t('analyticsPage.trend')}${detail.data ? ` · ${detail.data.unit.name}` : ''}`}
          testId="trend"
          dark={bigScreen}
          height={460}
          option={
            detail.data
              ? trendOption(
                  detail.data,
                  {
                    actual: t('analyticsPage.actual'),
                    trajectory: t('analyticsPage.trajectory'),
                    forecast: t('analyticsPage.forecast'),
                  },
                  revisionMarks(detail.data, t),
                )
              : null
          }
          table={{
            title: `${target?.indicator ?? code} 趋势`,
            columns: ['日期', '实际', '目标轨迹', '预测'],
            rows: trendRows(detail.data),
          }}
        />
      </Col>
      {hasChildren && (
        <Col xs={24}>
          <Card
            size="small"
            title={
              unitLevel === 'province'
                ? t('analyticsPage.cityRanking')
                : t('analyticsPage.countyRanking')
            }
            data-testid="ranking"
          >
            <RankingTable rows={unitRows} unit={unitName} onOpen={(c) => state.set({ unit: c })} />
          </Card>
        </Col>
      )}
    </Row>
  );
}

function trendRows(
  detail:
    | {
        trend: {
          actual: Array<{ date: string; value: number }>;
          trajectory: Array<{ date: string; value: number }>;
          forecast: Array<{ date: string; value: number }>;
        };
      }
    | undefined,
) {
  if (!detail) return [];
  const byDate = new Map<string, Array<number | null>>();
  const put = (list: Array<{ date: string; value: number }>, i: number) => {
    for (const p of list) {
      const row = byDate.get(p.date) ?? [null, null, null];
      row[i] = Number(p.value.toFixed(4));
      byDate.set(p.date, row);
    }
  };
  put(detail.trend.actual, 0);
  put(detail.trend.trajectory, 1);
  put(detail.trend.forecast, 2);
  return [...byDate.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([d, r]) => [d, ...r]);
}

function RankingTable({
  rows,
  unit,
  onOpen,
}: {
  rows: import('../../api/analytics').UnitRow[];
  unit: string;
  onOpen: (code: string) => void;
}) {
  const { t } = useTranslation();
  const sorted = [...rows].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  return (
    <div className={styles.rankingGrid}>
      {sorted.length === 0 && (
        <Typography.Text type="secondary">{t('analyticsPage.unitsNoData')}</Typography.Text>
      )}
      {sorted.map((u) => (
        <div key={u.unitCode} className={styles.rankingRow} data-unit={u.unitCode}>
          <span className={styles.rank}>{u.rank ?? '—'}</span>
          <a onClick={() => onOpen(u.unitCode)}>{u.unitName}</a>
          <span>{withUnit(u.value, unit)}</span>
          <span>{formatPercent(u.progress)}</span>
          <StatusTag status={u.status} provisional={u.provisional} />
        </div>
      ))}
    </div>
  );
}
