// The frozen ledger progress per task, open supervision items and satisfaction index.
import { Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvaluationDetail } from '../../api/evaluations';

type Snapshot = EvaluationDetail['snapshot'];
const LEDGER = ['not_started', 'on_track', 'at_risk', 'delayed', 'done'] as const;

export function LedgerTable({ snapshot: s }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const rows = s.ledgers.filter((l) => l.items > 0);
  return (
    <Table
      rowKey="taskNumber"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        {
          title: t('evaluations.ledgerColumns.task'),
          render: (_, l) => `${l.taskNumber}. ${l.taskTitle}`,
        },
        { title: t('evaluations.ledgerColumns.items'), dataIndex: 'items', width: 80 },
        ...LEDGER.map((st) => ({
          title: t(`evaluations.ledgerColumns.${st}`),
          width: 80,
          render: (_: unknown, l: Snapshot['ledgers'][number]) => l.byStatus[st],
        })),
        {
          title: t('evaluations.ledgerColumns.mean'),
          width: 160,
          render: (_, l) =>
            l.meanPercent === null ? '—' : <Progress percent={l.meanPercent} size="small" />,
        },
      ]}
    />
  );
}

export function SupervisionTable({ snapshot: s }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        {t('evaluations.supervisionSummary', {
          open: s.supervision.open,
          overdue: s.supervision.overdue,
        })}
      </Typography.Text>
      <Table
        rowKey="id"
        size="small"
        dataSource={s.supervision.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('evaluations.supervisionColumns.title'), dataIndex: 'title' },
          {
            title: t('evaluations.supervisionColumns.level'),
            dataIndex: 'level',
            width: 100,
            render: (l: 'general' | 'key' | 'listed') => (
              <Tag color={l === 'listed' ? 'red' : l === 'key' ? 'orange' : 'blue'}>
                {t(`evaluations.levels.${l}`)}
              </Tag>
            ),
          },
          {
            title: t('evaluations.supervisionColumns.target'),
            dataIndex: 'targetName',
            width: 160,
          },
          {
            title: t('evaluations.supervisionColumns.task'),
            dataIndex: 'taskNumber',
            width: 70,
            render: (n: number | null) => n ?? '—',
          },
          {
            title: t('evaluations.supervisionColumns.replyDue'),
            dataIndex: 'replyDue',
            width: 110,
          },
          {
            title: t('evaluations.supervisionColumns.overdue'),
            dataIndex: 'overdue',
            width: 70,
            render: (o: boolean) =>
              o ? <Tag color="red">{t('evaluations.yes')}</Tag> : t('evaluations.no'),
          },
        ]}
      />
    </Space>
  );
}

export function SatisfactionTable({ snapshot: s }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  if (!s.satisfaction) return <Empty description={t('evaluations.noSatisfaction')} />;
  const names = new Map(s.domains.map((d) => [d.code, d.name]));
  return (
    <Table
      rowKey="domainCode"
      size="small"
      pagination={false}
      title={() => s.satisfaction!.wave}
      dataSource={s.satisfaction.cells}
      columns={[
        {
          title: t('evaluations.satisfactionColumns.domain'),
          render: (_, c) =>
            c.domainCode === 'ALL'
              ? t('evaluations.overall')
              : (names.get(c.domainCode) ?? c.domainCode),
        },
        { title: t('evaluations.satisfactionColumns.index'), dataIndex: 'label' },
        { title: t('evaluations.satisfactionColumns.n'), dataIndex: 'n', width: 100 },
      ]}
    />
  );
}
