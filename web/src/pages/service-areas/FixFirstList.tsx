// The service areas to fix first: not compliant, largest gap first.
import type { FieldKey } from './i18nKeys';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplianceReport } from '../../api/serviceAreas';
import { formatPercent } from './format';

type Row = ComplianceReport['fixFirst'][number];

export function FixFirstList({ rows, onSelect }: { rows: Row[]; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const f = (key: FieldKey) => t(`serviceAreas.fields.${key}`);
  return (
    <Table<Row>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 10, showSizeChanger: false }}
      locale={{ emptyText: t('serviceAreas.fixFirst.empty') }}
      data-testid="service-area-fix-first"
      onRow={(row) => ({ onClick: () => onSelect(row.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: '#', key: 'rank', width: 48, render: (_, __, i) => i + 1 },
        {
          title: f('name'),
          key: 'name',
          render: (_, r) => (
            <a onClick={() => onSelect(r.id)}>
              {r.name}（{r.direction}）
            </a>
          ),
        },
        { title: f('road'), dataIndex: 'road' },
        { title: f('city'), dataIndex: 'cityName' },
        {
          title: f('ratio'),
          key: 'ratio',
          align: 'right',
          render: (_, r) => `${formatPercent(r.ratioPercent)} / ${r.thresholdPercent}%`,
        },
        { title: f('chargingSpaces'), dataIndex: 'chargingSpaces', align: 'right' },
        { title: f('required'), dataIndex: 'required', align: 'right' },
        {
          title: f('gap'),
          dataIndex: 'gap',
          align: 'right',
          render: (g: number) => <strong>{g}</strong>,
        },
      ]}
    />
  );
}
