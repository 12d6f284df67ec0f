// 通报: the bulletins (drafts only for the supervision office), drafting one now, the
// printable page in a drawer, the .docx, editing a draft and publishing it (文号 + freeze).
import { App, Alert, Button, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import {
  bulletinDocxUrl,
  bulletinHtmlUrl,
  useBulletins,
  usePublishBulletin,
  type BulletinSummary,
} from '../../../api/bulletins';
import { DraftModal } from './DraftModal';
import { EditModal } from './EditModal';

const at = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export default function BulletinsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useBulletins();
  const publish = usePublishBulletin();
  const [drafting, setDrafting] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [preview, setPreview] = useState<BulletinSummary | null>(null);
  // Bumped after an edit so the preview frame reloads the new page.
  const [revision, setRevision] = useState(0);
  const canManage = list.data?.canManage ?? false;

  const doPublish = (b: BulletinSummary) =>
    publish.mutate(b.id, {
      onSuccess: (r) => void message.success(t('bulletins.actions.published', r)),
      onError: (e) => void message.error(errorMessage(e)),
    });

  const columns: ColumnsType<BulletinSummary> = [
    { title: t('bulletins.columns.docNumber'), dataIndex: 'docNumber', width: 170 },
    {
      title: t('bulletins.columns.title'),
      dataIndex: 'title',
      render: (title: string, b) => (
        <Typography.Link onClick={() => setPreview(b)}>{title}</Typography.Link>
      ),
    },
    {
      title: t('bulletins.columns.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: BulletinSummary['kind']) => t(`bulletins.kinds.${k}`),
    },
    { title: t('bulletins.columns.period'), dataIndex: 'period', width: 110 },
    { title: t('bulletins.columns.asOf'), dataIndex: 'asOf', width: 110 },
    {
      title: t('bulletins.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: BulletinSummary['status']) => (
        <Tag color={s === 'published' ? 'green' : 'gold'}>{t(`bulletins.statuses.${s}`)}</Tag>
      ),
    },
    {
      title: t('bulletins.columns.created'),
      width: 170,
      render: (_, b) =>
        b.status === 'published'
          ? t('bulletins.createdBy', { by: b.publishedBy, at: at(b.publishedAt) })
          : t('bulletins.createdBy', { by: b.createdBy, at: at(b.createdAt) }),
    },
    {
      title: t('bulletins.columns.actions'),
      width: 280,
      render: (_, b) => (
        <Space size="small" wrap>
          <Button size="small" onClick={() => setPreview(b)}>
            {t('bulletins.actions.preview')}
          </Button>
          <Button size="small" href={bulletinDocxUrl(b.id)}>
            {t('bulletins.actions.docx')}
          </Button>
          {canManage && b.status === 'draft' && (
            <>
              <Button size="small" onClick={() => setEditing(b.id)}>
                {t('bulletins.actions.edit')}
              </Button>
              <Popconfirm
                title={t('bulletins.actions.publishConfirm')}
                onConfirm={() => doPublish(b)}
                okButtonProps={{ loading: publish.isPending }}
              >
                <Button size="small" type="primary">
                  {t('bulletins.actions.publish')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('bulletins.intro')}
      </Typography.Paragraph>
      <Space>
        {canManage && (
          <Button type="primary" onClick={() => setDrafting(true)}>
            {t('bulletins.draftButton')}
          </Button>
        )}
        <Button onClick={() => void list.refetch()}>{t('bulletins.refresh')}</Button>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.bulletins ?? []}
        locale={{ emptyText: t('bulletins.preview.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <DraftModal
        open={drafting}
        onClose={(id) => {
          setDrafting(false);
          if (id !== null) void message.success(t('bulletins.actions.drafted'));
        }}
      />
      <EditModal
        id={editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) {
            setRevision((r) => r + 1);
            void message.success(t('bulletins.actions.saved'));
          }
        }}
      />
      <Drawer
        open={preview !== null}
        onClose={() => setPreview(null)}
        size={920}
        title={preview ? `${preview.docNumber} ${preview.title}` : t('bulletins.preview.title')}
        extra={
          preview && (
            <Button href={bulletinDocxUrl(preview.id)}>{t('bulletins.actions.docx')}</Button>
          )
        }
      >
        {preview && (
          <iframe
            title={t('bulletins.preview.title')}
            src={bulletinHtmlUrl(preview.id, `${preview.status}-${revision}`)}
            // The page carries no script; the sandbox keeps it that way.
            sandbox=""
            style={{ width: '100%', height: '100%', border: 0, background: '#f2f2f2' }}
          />
        )}
      </Drawer>
    </Space>
  );
}
