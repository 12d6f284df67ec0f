// 12345 hotline: the consumer-rights on-time closure rate per city and month against the ≥98%
// target (cities under it are flagged), every category's rate, and uploading an export.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { uploadHotlineFile, useClosure, type ClosureRow } from '../../api/hotline';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

export default function HotlinePanel() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const closure = useClosure(from, to);
  const canImport = session.data?.user.role === 'supervisor';

  const columns = [
    { title: t('satisfactionPage.month'), dataIndex: 'month', width: 90 },
    { title: t('satisfactionPage.place'), dataIndex: 'placeName', width: 110 },
    { title: t('satisfactionPage.category'), dataIndex: 'category' },
    { title: t('satisfactionPage.closedOnTime'), dataIndex: 'closedOnTime' },
    {
      title: t('satisfactionPage.late'),
      key: 'late',
      render: (_: unknown, r: ClosureRow) => r.closedLate + r.openOverdue,
    },
    { title: t('satisfactionPage.pending'), dataIndex: 'openPending' },
    {
      title: t('satisfactionPage.onTimeRate'),
      key: 'rate',
      render: (_: unknown, r: ClosureRow) => (
        <Space>
          <span>{percent(r.rate)}</span>
          {r.meetsTarget === false && <Tag color="red">{t('satisfactionPage.belowTarget')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input
          aria-label={t('satisfactionPage.fromMonth')}
          type="month"
          value={from ?? closure.data?.from ?? ''}
          onChange={(e) => setFrom(e.target.value || null)}
        />
        <Input
          aria-label={t('satisfactionPage.toMonth')}
          type="month"
          value={to ?? closure.data?.to ?? ''}
          onChange={(e) => setTo(e.target.value || null)}
        />
        {canImport && (
          <Upload
            accept=".csv,.xlsx"
            showUploadList={false}
            customRequest={({ file }) => {
              setNotice(null);
              uploadHotlineFile(file as File)
                .then((r) => {
                  setNotice({ type: 'success', text: t('satisfactionPage.imported', r) });
                  void queryClient.invalidateQueries({ queryKey: ['hotline-closure'] });
                })
                .catch((e: unknown) => setNotice({ type: 'error', text: errorMessage(e) }));
            }}
          >
            <Button icon={<UploadOutlined />}>{t('satisfactionPage.importHotline')}</Button>
          </Upload>
        )}
      </Space>
      {notice && (
        <Alert
          type={notice.type}
          showIcon
          message={notice.text}
          role={notice.type === 'error' ? 'alert' : 'status'}
        />
      )}
      {closure.error && <Alert type="error" message={errorMessage(closure.error)} />}
      <Typography.Title level={5}>{t('satisfactionPage.consumerTitle')}</Typography.Title>
      <Typography.Text type="secondary">{t('satisfactionPage.consumerHint')}</Typography.Text>
      <Table<ClosureRow>
        size="small"
        rowKey={(r) => `${r.month}|${r.placeCode}`}
        loading={closure.isLoading}
        dataSource={closure.data?.consumer}
        columns={columns}
        pagination={false}
        rowClassName={(r) => (r.meetsTarget === false ? 'below-target' : '')}
        locale={{ emptyText: t('satisfactionPage.noTickets') }}
      />
      <Typography.Title level={5}>{t('satisfactionPage.byCategory')}</Typography.Title>
      <Table<ClosureRow>
        size="small"
        rowKey={(r) => `${r.month}|${r.placeCode}|${r.category}`}
        dataSource={closure.data?.byCategory}
        columns={columns}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('satisfactionPage.noTickets') }}
      />
    </Space>
  );
}
