// One practical matter: number, title and status, lead unit, linked plan tasks, and its
// targets with value, progress bar and status (the reason on hover), as on the dashboard.
import { App, Button, Card, Popconfirm, Progress, Space, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useDeleteMatter, type MatterDto } from '../../api/practicalMatters';
import { STATUS_COLOURS } from '../../api/analytics';
import { goalText, withUnit } from '../dashboard/format';
import { StatusTag } from '../dashboard/StatusTag';

type Row = MatterDto['rows'][number];

export function MatterCard({
  matter,
  canManage,
  onEdit,
}: {
  matter: MatterDto;
  canManage: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteMatter();
  const actions = canManage
    ? [
        <Button
          key="edit"
          type="link"
          icon={<EditOutlined />}
          onClick={onEdit}
          data-testid="matter-edit"
        >
          {t('practicalMatters.edit')}
        </Button>,
        <Popconfirm
          key="delete"
          title={t('practicalMatters.removeConfirm', { seq: matter.seq, title: matter.title })}
          onConfirm={() =>
            remove.mutate(
              { id: matter.id, version: matter.version },
              {
                onSuccess: () => void message.success(t('practicalMatters.removed')),
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
        >
          <Button type="link" danger icon={<DeleteOutlined />}>
            {t('practicalMatters.remove')}
          </Button>
        </Popconfirm>,
      ]
    : undefined;
  return (
    <Card
      size="small"
      data-testid="matter-card"
      data-seq={matter.seq}
      data-status={matter.status}
      title={
        <Space>
          <Typography.Text type="secondary">
            {t('practicalMatters.seqLabel', { seq: matter.seq })}
          </Typography.Text>
          <span>{matter.title}</span>
        </Space>
      }
      extra={<StatusTag status={matter.status} />}
      actions={actions}
    >
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text>
          <Typography.Text type="secondary">{t('practicalMatters.leadUnit')}：</Typography.Text>
          {matter.leadUnitName}
        </Typography.Text>
        <Typography.Text>
          <Typography.Text type="secondary">{t('practicalMatters.tasks')}：</Typography.Text>
          {matter.taskRefs.map((r, i) => (
            <span key={`${r.domainCode}-${r.taskNumber}`}>
              {i > 0 && '；'}
              <Link to={`/plan/${r.domainCode}`}>
                {r.taskNumber}. {r.title}
              </Link>
            </span>
          ))}
        </Typography.Text>
        {matter.description && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {matter.description}
          </Typography.Paragraph>
        )}
        <Table<Row>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={matter.rows}
          locale={{ emptyText: t('practicalMatters.noTargets') }}
          onRow={(r) => ({ 'data-target': r.code }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('practicalMatters.columns.indicator'),
              key: 'indicator',
              render: (_, r) => (
                <Tooltip title={r.text}>
                  <span>{r.indicator}</span>
                </Tooltip>
              ),
            },
            {
              title: t('practicalMatters.columns.goal'),
              key: 'goal',
              width: 100,
              render: (_, r) => goalText(r),
            },
            {
              title: t('practicalMatters.columns.value'),
              key: 'value',
              width: 100,
              render: (_, r) => withUnit(r.value, r.unit),
            },
            {
              title: t('practicalMatters.columns.progress'),
              key: 'progress',
              width: 120,
              render: (_, r) =>
                r.progress === null ? (
                  '—'
                ) : (
                  <Progress
                    size="small"
                    percent={Math.min(100, Math.round(r.progress * 10) / 10)}
                    strokeColor={STATUS_COLOURS[r.status]}
                    format={() => `${Math.round(r.progress! * 10) / 10}%`}
                  />
                ),
            },
            {
              title: t('practicalMatters.columns.status'),
              key: 'status',
              width: 110,
              render: (_, r) => (
                <Tooltip title={r.reason}>
                  <span>
                    <StatusTag status={r.status} provisional={r.provisional} />
                  </span>
                </Tooltip>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
