// 中期评估 tab: the evaluations (draft / signed), running a new one at an as-of date, and one
// evaluation's view (its id kept in the URL so a reload stays on it).
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useEvaluations, type EvaluationListItem } from '../../api/evaluations';
import { CreateModal } from './CreateModal';
import EvaluationView from './EvaluationView';
import { at } from './format';

export default function EvaluationsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const list = useEvaluations();
  const [creating, setCreating] = useState(false);
  const selected = Number(params.get('evaluation')) || null;
  const select = (id: number | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id === null) next.delete('evaluation');
      else next.set('evaluation', String(id));
      return next;
    });

  if (selected !== null) return <EvaluationView id={selected} onBack={() => select(null)} />;

  const canManage = list.data?.canManage ?? false;
  const columns: ColumnsType<EvaluationListItem> = [
    {
      title: t('evaluations.columns.title'),
      dataIndex: 'title',
      render: (title: string, e) => (
        <Typography.Link onClick={() => select(e.id)}>{title}</Typography.Link>
      ),
    },
    { title: t('evaluations.columns.asOf'), dataIndex: 'asOf', width: 120 },
    {
      title: t('evaluations.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: EvaluationListItem['status']) => (
        <Tag color={s === 'signed' ? 'green' : 'gold'}>{t(`evaluations.statuses.${s}`)}</Tag>
      ),
    },
    { title: t('evaluations.columns.assessed'), dataIndex: 'assessed', width: 110 },
    {
      title: t('evaluations.columns.created'),
      width: 190,
      render: (_, e) => t('evaluations.createdBy', { by: e.createdBy, at: at(e.createdAt) }),
    },
    {
      title: t('evaluations.columns.signed'),
      width: 190,
      render: (_, e) =>
        e.signedBy ? t('evaluations.createdBy', { by: e.signedBy, at: at(e.signedAt) }) : '—',
    },
    {
      title: t('evaluations.columns.actions'),
      width: 90,
      render: (_, e) => (
        <Button size="small" onClick={() => select(e.id)}>
          {t('evaluations.open')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('evaluations.intro')}
      </Typography.Paragraph>
      <Space>
        {canManage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('evaluations.create')}
          </Button>
        )}
        <Button onClick={() => void list.refetch()}>{t('evaluations.refresh')}</Button>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.evaluations ?? []}
        locale={{ emptyText: t('evaluations.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <CreateModal
        open={creating}
        onClose={(id) => {
          setCreating(false);
          if (id !== null) {
            void message.success(t('evaluations.form.created'));
            select(id);
          }
        }}
      />
    </Space>
  );
}
