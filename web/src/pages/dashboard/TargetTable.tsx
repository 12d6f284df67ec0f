// Every target at the unit, by domain, with its status and the reason in words.
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Overview, TargetRow } from '../../api/analytics';
import { formatPercent, goalText, withUnit } from './format';
import { StatusTag } from './StatusTag';

export function TargetTable({
  overview,
  onSelect,
}: {
  overview: Overview;
  onSelect?: (code: string) => void;
}) {
  const { t } = useTranslation();
  const domainName = new Map(overview.domains.map((d) => [d.code, d.name]));
  const rows = overview.domains.flatMap((d) => d.targets);
  return (
    <Card
      size="small"
      title={`${overview.unit.name} · ${t('analyticsPage.allTargets')}（${rows.length}）`}
    >
      <Table<TargetRow>
        size="small"
        rowKey="code"
        data-testid="target-table"
        pagination={false}
        scroll={{ x: 1100 }}
        dataSource={rows}
        onRow={(r) => ({ 'data-target': r.code }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('analyticsPage.columns.domain'),
            key: 'domain',
            width: 110,
            render: (_, r) => domainName.get(r.domainCode)?.replace(/民生工程$/, ''),
          },
          {
            title: t('analyticsPage.columns.indicator'),
            key: 'indicator',
            width: 260,
            render: (_, r) =>
              onSelect ? (
                <a onClick={() => onSelect(r.code)}>
                  {r.code} {r.indicator}
                </a>
              ) : (
                `${r.code} ${r.indicator}`
              ),
          },
          {
            title: t('analyticsPage.columns.goal'),
            key: 'goal',
            width: 120,
            render: (_, r) => (
              <>
                {goalText(r)}
                {r.targetBasis !== 'plan' && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {t(`analyticsPage.basis.${r.targetBasis}`)}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('analyticsPage.columns.value'),
            key: 'value',
            width: 110,
            render: (_, r) => withUnit(r.value, r.unit),
          },
          {
            title: t('analyticsPage.columns.progress'),
            key: 'progress',
            width: 80,
            render: (_, r) => formatPercent(r.progress),
          },
          {
            title: t('analyticsPage.columns.status'),
            key: 'status',
            width: 110,
            render: (_, r) => <StatusTag status={r.status} provisional={r.provisional} />,
          },
          { title: t('analyticsPage.columns.reason'), dataIndex: 'reason', key: 'reason' },
        ]}
      />
    </Card>
  );
}
