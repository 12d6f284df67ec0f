// The registry as a searchable table, with add, edit, remove and import for those who may.
import type { FieldKey, RegistryKey } from './i18nKeys';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useDeleteServiceArea, type RoadClass, type ServiceArea } from '../../api/serviceAreas';
import { AreaFormModal } from './AreaFormModal';
import { ComplianceTag } from './AreaCard';
import { formatPercent } from './format';
import { ImportModal } from './ImportModal';

interface Props {
  areas: ServiceArea[];
  canWrite: boolean;
  onSelect: (id: number) => void;
}

export function RegistryTable({ areas, canWrite, onSelect }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const [city, setCity] = useState<string | null>(null);
  const [roadClass, setRoadClass] = useState<RoadClass | null>(null);
  const [editing, setEditing] = useState<ServiceArea | null | 'new'>(null);
  const [importing, setImporting] = useState(false);
  const remove = useDeleteServiceArea();
  const f = (key: FieldKey) => t(`serviceAreas.fields.${key}`);
  const r = (key: RegistryKey, o?: Record<string, unknown>) => t(`serviceAreas.registry.${key}`, o);

  const cities = useMemo(
    () => [...new Map(areas.map((a) => [a.cityCode, a.cityName])).entries()].sort(),
    [areas],
  );
  const rows = areas.filter(
    (a) =>
      (!city || a.cityCode === city) &&
      (!roadClass || a.roadClass === roadClass) &&
      (!query || a.name.includes(query) || a.road.includes(query)),
  );

  const columns: TableColumnsType<ServiceArea> = [
    {
      title: f('name'),
      key: 'name',
      render: (_, a) => <a onClick={() => onSelect(a.id)}>{a.name}</a>,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    { title: f('direction'), dataIndex: 'direction' },
    { title: f('road'), dataIndex: 'road' },
    {
      title: f('city'),
      key: 'city',
      render: (_, a) => (a.countyName ? `${a.cityName} ${a.countyName}` : a.cityName),
    },
    { title: f('parkingSpaces'), dataIndex: 'parkingSpaces', align: 'right' },
    { title: f('chargingSpaces'), dataIndex: 'chargingSpaces', align: 'right' },
    {
      title: f('ratio'),
      key: 'ratio',
      align: 'right',
      sorter: (a, b) => (a.ratioPercent ?? -1) - (b.ratioPercent ?? -1),
      render: (_, a) => formatPercent(a.ratioPercent),
    },
    { title: f('gap'), dataIndex: 'gap', align: 'right', sorter: (a, b) => a.gap - b.gap },
    {
      title: f('compliance'),
      key: 'compliant',
      render: (_, a) => <ComplianceTag compliant={a.compliant} />,
    },
    {
      title: f('status'),
      key: 'status',
      render: (_, a) =>
        t(`serviceAreas.statuses.${a.status}`) + (a.statusDate ? ` ${a.statusDate}` : ''),
    },
  ];
  if (canWrite)
    columns.push({
      title: r('actions'),
      key: 'actions',
      render: (_, a) =>
        a.editable && (
          <Space size="small">
            <a onClick={() => setEditing(a)}>{r('edit')}</a>
            <Popconfirm
              title={r('removeConfirm', { name: a.name })}
              onConfirm={() =>
                void remove.mutateAsync({ id: a.id }).then(
                  () => void message.success(r('removed')),
                  (e: unknown) => void message.error(errorMessage(e)),
                )
              }
            >
              <a>{r('remove')}</a>
            </Popconfirm>
          </Space>
        ),
    });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={r('search')}
          onChange={(e) => setQuery(e.target.value.trim())}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={r('allCities')}
          style={{ width: 150 }}
          value={city}
          onChange={(v: string | undefined) => setCity(v ?? null)}
          options={cities.map(([code, name]) => ({ value: code, label: name }))}
        />
        <Select
          allowClear
          placeholder={r('allClasses')}
          style={{ width: 150 }}
          value={roadClass}
          onChange={(v: RoadClass | undefined) => setRoadClass(v ?? null)}
          options={(['expressway', 'national', 'other'] as const).map((c) => ({
            value: c,
            label: t(`serviceAreas.roadClasses.${c}`),
          }))}
        />
        {canWrite && (
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {r('add')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {r('import')}
            </Button>
          </>
        )}
        <Typography.Text type="secondary">{r('count', { count: rows.length })}</Typography.Text>
      </Space>
      <Table<ServiceArea>
        size="small"
        rowKey="id"
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1100 }}
        data-testid="service-area-registry"
      />
      <AreaFormModal
        open={editing !== null}
        area={editing === 'new' ? null : editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) void message.success(r('saved'));
        }}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
