// One ledger item: its facts, milestones, the progress history with evidence links, and the
// report form for those who may report on it; those who keep the ledger can open the item form.
import { EditOutlined, FileOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  List,
  Progress,
  Space,
  Spin,
  Steps,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useLedger, type ReportView } from '../../../api/ledgers';
import { ReportForm } from './ReportForm';
import { StatusTag } from './StatusTag';

interface Props {
  id: number | null;
  onClose: () => void;
  /** Opens the item form for this item (shown when the server says the user may edit it). */
  onEdit?: (id: number) => void;
}

export function LedgerDrawer({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation();
  const detail = useLedger(id);
  const item = detail.data?.item;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={item ? `${item.code} ${item.title}` : t('ledgers.detail.title')}
      data-testid="ledger-drawer"
      extra={
        item?.canEdit &&
        onEdit && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(item.id)} data-testid="ledger-edit">
            {t('ledgers.editor.edit')}
          </Button>
        )
      }
    >
      {detail.isLoading && <Spin />}
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {item && detail.data && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('ledgers.column.task')} span={2}>
              {item.taskNumber}. {item.taskTitle}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.detail.description')} span={2}>
              {item.description || t('ledgers.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.column.owner')}>
              {item.ownerUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.detail.cooperating')}>
              {item.cooperatingUnits.map((u) => u.name).join('、') || t('ledgers.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.column.city')}>
              {item.cityName ?? t('ledgers.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.detail.period')}>
              {item.startDate} ~ {item.dueDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.detail.budget')}>
              {item.budget ?? t('ledgers.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.detail.targets')}>
              {item.targetCodes.join('、') || t('ledgers.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.column.percent')}>
              <Progress percent={item.percentDone} size="small" style={{ width: 160 }} />
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.column.status')}>
              <StatusTag status={item.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('ledgers.detail.reason')} span={2}>
              {item.statusReason}
            </Descriptions.Item>
          </Descriptions>

          <Divider titlePlacement="start">{t('ledgers.detail.milestones')}</Divider>
          {item.milestones.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Steps
              orientation="vertical"
              size="small"
              items={item.milestones.map((m) => ({
                title: `${m.dueDate} ${m.title}`,
                status: m.doneOn ? 'finish' : m.overdue ? 'error' : 'wait',
                description: (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text type="secondary">{m.definitionOfDone}</Typography.Text>
                    {m.doneOn && (
                      <Typography.Text type="success">
                        {t('ledgers.detail.doneOn', { date: m.doneOn })}
                      </Typography.Text>
                    )}
                    {m.overdue && (
                      <Typography.Text type="danger">{t('ledgers.overdue')}</Typography.Text>
                    )}
                  </Space>
                ),
              }))}
            />
          )}

          <Divider titlePlacement="start">{t('ledgers.detail.history')}</Divider>
          <History reports={detail.data.reports} />

          {item.canReport && (
            <>
              <Divider titlePlacement="start">{t('ledgers.detail.report')}</Divider>
              <ReportForm key={item.version} item={item} onDone={() => void detail.refetch()} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

function History({ reports }: { reports: ReportView[] }) {
  const { t } = useTranslation();
  if (reports.length === 0)
    return <Typography.Text type="secondary">{t('ledgers.detail.noReports')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={reports}
      data-testid="ledger-history"
      renderItem={(r) => (
        <List.Item key={r.id}>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{r.reportedAt.slice(0, 10)}</Typography.Text>
              <Typography.Text type="secondary">
                {r.unitName} · {r.reportedBy}
              </Typography.Text>
              <StatusTag status={r.status} />
              <Typography.Text>{r.percentDone}%</Typography.Text>
              {r.milestoneTitle && (
                <Typography.Text type="secondary">{r.milestoneTitle}</Typography.Text>
              )}
            </Space>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{r.text}</Typography.Paragraph>
            {r.overrideReason && (
              <Typography.Text type="warning">
                {t('ledgers.detail.proposed', { status: t(`ledgers.status.${r.proposedStatus}`) })}
                ；{t('ledgers.detail.override', { reason: r.overrideReason })}
              </Typography.Text>
            )}
            {r.evidence.length > 0 && (
              <Space wrap>
                {r.evidence.map((e) => (
                  <a key={e.id} href={e.url} target="_blank" rel="noreferrer">
                    <FileOutlined /> {e.fileName}
                  </a>
                ))}
              </Space>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
