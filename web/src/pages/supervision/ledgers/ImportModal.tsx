// Importing a ledger workbook: choose it, check it (every error placed by sheet, row and
// column), then import it — all rows or none.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useImportLedgers, type ImportReport } from '../../../api/ledgers';

type Problem = ImportReport['errors'][number];

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const mutation = useImportLedgers();
  const reset = () => {
    setReport(null);
    mutation.reset();
  };
  const close = () => {
    setFile(null);
    reset();
    onClose();
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setReport(await mutation.mutateAsync({ file, dryRun }));
  };
  const checkedClean = report?.dryRun === true && report.errors.length === 0;
  const committed = report?.dryRun === false;

  return (
    <Modal
      open={open}
      title={t('ledgers.importModal.title')}
      width={860}
      onCancel={close}
      footer={[
        <Button
          key="dry"
          disabled={!file || committed}
          loading={mutation.isPending}
          onClick={() => void run(true).catch(() => undefined)}
        >
          {t('ledgers.importModal.check')}
        </Button>,
        <Button
          key="commit"
          type="primary"
          disabled={!checkedClean}
          loading={mutation.isPending}
          onClick={() => void run(false).catch(() => undefined)}
        >
          {t('ledgers.importModal.commit')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('ledgers.importModal.hint')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            reset();
            return false;
          }}
          onRemove={() => {
            setFile(null);
            reset();
          }}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />}>{t('ledgers.importModal.choose')}</Button>
        </Upload>
        {mutation.isError && <Alert type="error" showIcon title={errorMessage(mutation.error)} />}
        {report && report.errors.length > 0 && (
          <>
            <Alert
              type="error"
              showIcon
              title={t('ledgers.importModal.errors', { count: report.errors.length })}
            />
            <Table<Problem>
              size="small"
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              dataSource={report.errors}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              data-testid="ledger-import-errors"
              columns={[
                { title: t('ledgers.importModal.sheet'), dataIndex: 'sheet', width: 110 },
                { title: t('ledgers.importModal.row'), dataIndex: 'row', width: 60 },
                { title: t('ledgers.importModal.column'), dataIndex: 'column', width: 120 },
                { title: t('ledgers.importModal.problem'), dataIndex: 'message' },
              ]}
            />
          </>
        )}
        {report && report.errors.length === 0 && (
          <Alert
            type={committed ? 'success' : 'info'}
            showIcon
            data-testid="ledger-import-summary"
            title={`${committed ? `${t('ledgers.importModal.done')}：` : ''}${t('ledgers.importModal.summary', { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged })}`}
          />
        )}
      </Space>
    </Modal>
  );
}
