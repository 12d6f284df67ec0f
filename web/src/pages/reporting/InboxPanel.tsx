// The reviewer's inbox: submissions waiting for this user's approval, opened one by one or
// approved in bulk (selected rows, or everything).
import { App, Button, Empty, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { bulkApprove, useInbox, type InboxItem, type SubmissionKey } from '../../api/reporting';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';

const keyOf = (i: InboxItem): SubmissionKey => ({
  formCode: i.formCode,
  unitCode: i.unitCode,
  period: i.period,
});

export function InboxPanel({
  csrf,
  onOpen,
}: {
  csrf: string;
  onOpen: (key: SubmissionKey) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const inbox = useInbox(true);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);

  if (inbox.isPending) return <PageLoading />;
  if (inbox.isError) return <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const items = inbox.data;

  const approve = async (keys: SubmissionKey[] | undefined) => {
    setBusy(true);
    try {
      const result = await bulkApprove(keys, csrf);
      void message.success(
        t('reportingPage.inbox.bulkDone', {
          approved: result.approved.length,
          skipped: result.skipped.length,
        }),
      );
      setSelected([]);
      await queryClient.invalidateQueries({ queryKey: ['reporting'] });
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (!items.length) return <Empty description={t('reportingPage.inbox.empty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button
          disabled={!selected.length}
          loading={busy}
          onClick={() => void approve(items.filter((i) => selected.includes(i.id)).map(keyOf))}
        >
          {t('reportingPage.inbox.approveSelected')}
        </Button>
        <Button type="primary" loading={busy} onClick={() => void approve(undefined)}>
          {t('reportingPage.inbox.approveAll')}
        </Button>
      </Space>
      <Table<InboxItem>
        rowKey="id"
        size="middle"
        data-testid="inbox-table"
        dataSource={items}
        pagination={{ pageSize: 20 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
        }}
        columns={[
          { title: t('reportingPage.inbox.form'), dataIndex: 'formName' },
          { title: t('reportingPage.inbox.unit'), dataIndex: 'unitName' },
          { title: t('reportingPage.inbox.period'), dataIndex: 'period' },
          {
            title: t('reportingPage.inbox.submittedAt'),
            dataIndex: 'submittedAt',
            render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—'),
          },
          {
            title: t('reportingPage.inbox.timeliness'),
            dataIndex: 'onTime',
            render: (onTime: boolean | null) =>
              onTime === null ? (
                '—'
              ) : (
                <Tag color={onTime ? 'green' : 'red'}>
                  {t(onTime ? 'reportingPage.onTime' : 'reportingPage.late')}
                </Tag>
              ),
          },
          {
            title: '',
            render: (_, item) => (
              <Button type="link" onClick={() => onOpen(keyOf(item))}>
                {t('reportingPage.inbox.open')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
