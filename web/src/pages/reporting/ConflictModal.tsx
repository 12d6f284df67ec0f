// A save that met someone else's newer value: both values side by side, and the choice.
import { Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../api/reporting';

export function ConflictModal(props: {
  conflicts: Conflict[] | null;
  names: Record<string, string>;
  onKeepTheirs: () => void;
  onKeepMine: () => void;
}) {
  const { t } = useTranslation();
  const show = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : v.toLocaleString();
  return (
    <Modal
      open={props.conflicts !== null}
      title={t('reportingPage.conflict.title')}
      okText={t('reportingPage.conflict.keepMine')}
      cancelText={t('reportingPage.conflict.keepTheirs')}
      onOk={props.onKeepMine}
      onCancel={props.onKeepTheirs}
      width={720}
    >
      <Typography.Paragraph>{t('reportingPage.conflict.intro')}</Typography.Paragraph>
      <Table<Conflict>
        rowKey="index"
        size="small"
        pagination={false}
        data-testid="conflict-table"
        dataSource={props.conflicts ?? []}
        columns={[
          {
            title: t('reportingPage.columns.element'),
            render: (_, c) => props.names[c.elementCode] ?? c.elementCode,
          },
          {
            title: t('reportingPage.conflict.yours'),
            align: 'right',
            render: (_, c) => show(c.yourValue),
          },
          {
            title: t('reportingPage.conflict.theirs'),
            align: 'right',
            render: (_, c) => show(c.storedValue),
          },
          { title: t('reportingPage.conflict.by'), render: (_, c) => c.updatedBy ?? '—' },
          {
            title: t('reportingPage.conflict.at'),
            render: (_, c) => (c.updatedAt ? new Date(c.updatedAt).toLocaleString() : '—'),
          },
        ]}
      />
    </Modal>
  );
}
