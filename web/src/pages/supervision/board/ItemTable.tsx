// The items table: level tags (挂牌督办 red), the unit, the deadline and how late it is.
import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SupervisionItem } from '../../../api/supervision';
import { LateTag, LevelTag, StatusTag } from './tags';

interface Props {
  items: SupervisionItem[];
  loading?: boolean;
  onOpen: (id: number) => void;
  pageSize?: number;
  testId?: string;
  /** Fewer columns, for a half-width card. */
  compact?: boolean;
}

export function ItemTable({ items, loading, onOpen, pageSize = 10, testId, compact }: Props) {
  const hideInCompact = new Set(compact ? ['issuer', 'replyDue', 'late'] : []);
  const { t } = useTranslation();
  const c = (key: 'title' | 'level' | 'target' | 'issuer' | 'replyDue' | 'status' | 'late') =>
    t(`supervisionBoard.columns.${key}`);
  const columns: TableColumnsType<SupervisionItem> = [
    {
      title: c('title'),
      key: 'title',
      render: (_, r) => (
        <>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => onOpen(r.id)}
          >
            {r.title}
          </Button>
          {r.kind === 'rectification' && (
            <Tag style={{ marginLeft: 4 }}>{t('supervisionBoard.kinds.rectification')}</Tag>
          )}
          {r.source === 'rule' && (
            <Tag style={{ marginLeft: 4 }}>{t('supervisionBoard.ruleSource')}</Tag>
          )}
        </>
      ),
    },
    {
      title: c('level'),
      key: 'level',
      width: 100,
      render: (_, r) => <LevelTag level={r.level} />,
    },
    { title: c('target'), dataIndex: 'targetUnitName', width: 150 },
    {
      title: c('issuer'),
      key: 'issuer',
      dataIndex: 'issuerUnitName',
      width: 140,
      responsive: ['lg'],
    },
    { title: c('replyDue'), key: 'replyDue', dataIndex: 'replyDue', width: 110 },
    {
      title: c('status'),
      key: 'status',
      width: 120,
      render: (_, r) => <StatusTag status={r.status} />,
    },
    {
      title: c('late'),
      key: 'late',
      width: 100,
      render: (_, r) => <LateTag days={r.daysLate} />,
    },
  ];
  return (
    <Table<SupervisionItem>
      data-testid={testId}
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={items.length > pageSize ? { pageSize } : false}
      columns={columns.filter((col) => !hideInCompact.has(String(col.key)))}
    />
  );
}
