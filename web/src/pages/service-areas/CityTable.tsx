// Each city's ratios (from its sums), compliant areas and gaps, per road class.
import type { CitiesKey } from './i18nKeys';
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CitySummary, ClassSummary } from '../../api/serviceAreas';
import { formatPercent } from './format';

function RatioCell({ s }: { s: ClassSummary }) {
  if (s.areas === 0) return <>—</>;
  const ok = (s.ratioPercent ?? 0) >= s.thresholdPercent;
  return (
    <span style={{ color: ok ? '#389e0d' : '#cf1322', fontWeight: 500 }}>
      {formatPercent(s.ratioPercent)}
    </span>
  );
}

export function CityTable({ cities }: { cities: CitySummary[] }) {
  const { t } = useTranslation();
  const c = (key: CitiesKey) => t(`serviceAreas.cities.${key}`);
  const classColumns = (cls: 'expressway' | 'national'): TableColumnsType<CitySummary> => [
    {
      title: c('ratio'),
      key: `${cls}-ratio`,
      align: 'right',
      sorter: (a, b) => (a[cls].ratioPercent ?? -1) - (b[cls].ratioPercent ?? -1),
      render: (_, row) => <RatioCell s={row[cls]} />,
    },
    {
      title: c('spaces'),
      key: `${cls}-spaces`,
      align: 'right',
      render: (_, row) =>
        row[cls].areas ? `${row[cls].chargingSpaces} / ${row[cls].parkingSpaces}` : '—',
    },
    {
      title: c('compliant'),
      key: `${cls}-compliant`,
      align: 'right',
      render: (_, row) =>
        row[cls].assessed ? `${row[cls].compliant} / ${row[cls].assessed}` : '—',
    },
    {
      title: c('gap'),
      key: `${cls}-gap`,
      align: 'right',
      sorter: (a, b) => a[cls].gap - b[cls].gap,
      render: (_, row) => row[cls].gap,
    },
  ];
  return (
    <Table<CitySummary>
      size="small"
      rowKey="cityCode"
      pagination={false}
      dataSource={cities}
      data-testid="service-area-cities"
      scroll={{ x: 900 }}
      columns={[
        { title: c('city'), dataIndex: 'cityName', fixed: 'left' },
        { title: c('expressway'), children: classColumns('expressway') },
        { title: c('national'), children: classColumns('national') },
        {
          title: c('totalGap'),
          dataIndex: 'gap',
          align: 'right',
          defaultSortOrder: 'descend',
          sorter: (a, b) => a.gap - b.gap,
          render: (gap: number) => <strong>{gap}</strong>,
        },
        { title: c('newOrUpgraded'), dataIndex: 'newOrUpgraded', align: 'right' },
      ]}
    />
  );
}
