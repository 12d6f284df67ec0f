// Importing a registry file: choose it, dry-run it (every error with sheet, row and column),
// then import it — all rows or none.
import type { ImportKey } from './i18nKeys';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  useImportServiceAreas,
  type ImportProblem,
  type ImportReport,
} from '../../api/serviceAreas';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Problems({ rows }: { rows: ImportProblem[] }) {
  const { t } = useTranslation();
  const i = (key: ImportKey) => t(`serviceAreas.import.${key}`);
  return (
    <Table<ImportProblem>
      size="small"
      rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.message}`}
      dataSource={rows}
      pagination={{ pageSize: 8, showSizeChanger: false }}
      data-testid="service-area-import-errors"
      columns={[
        { title: i('sheet'), dataIndex: 'sheet', width: 110 },
        { title: i('row'), dataIndex: 'row', width: 60 },
        { title: i('column'), dataIndex: 'column', width: 150 },
        { title: i('problem'), dataIndex: 'message' },
      ]}
    />
  );
}

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const i = (key: ImportKey, o?: Record<string, unknown>) => t(`serviceAreas.import.${key}`, o);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'create' | 'upsert'>('create');
  const [report, setReport] = useState<ImportReport | null>(null);
  const mutation = useImportServiceAreas();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    const result = await mutation.mutateAsync({
      fileName: file.name,
      contentBase64: await toBase64(file),
      dryRun,
      mode,
    });
    setReport(result);
  };
  const reset = () => {
    setReport(null);
    mutation.reset();
  };
  const close = () => {
    setFile(null);
    reset();
    onClose();
  };
  const checkedClean = report?.dryRun === true && report.errors.length === 0;

  return (
    <Modal
      open={open}
      title={i('title')}
      width={860}
      onCancel={close}
      footer={[
        <Button
          key="dry"
          disabled={!file}
          loading={mutation.isPending}
          onClick={() => void run(true).catch(() => undefined)}
        >
          {i('dryRun')}
        </Button>,
        <Button
          key="import"
          type="primary"
          disabled={!checkedClean}
          loading={mutation.isPending}
          onClick={() => void run(false).catch(() => undefined)}
        >
          {i('confirm')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{i('hint')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".xlsx,.csv"
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
          <Button icon={<UploadOutlined />}>{i('choose')}</Button>
        </Upload>
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as 'create' | 'upsert');
            reset();
          }}
          options={[
            { value: 'create', label: i('modeCreate') },
            { value: 'upsert', label: i('modeUpsert') },
          ]}
        />
        {mutation.isError && <Alert type="error" showIcon title={errorMessage(mutation.error)} />}
        {report && report.errors.length > 0 && (
          <>
            <Alert type="error" showIcon title={i('hasErrors', { count: report.errors.length })} />
            <Problems rows={report.errors} />
          </>
        )}
        {checkedClean && (
          <Alert
            type="info"
            showIcon
            title={i('checked', {
              rows: report.rows,
              created: report.created,
              updated: report.updated,
            })}
          />
        )}
        {report && !report.dryRun && (
          <Alert
            type="success"
            showIcon
            title={i('done', { created: report.created, updated: report.updated })}
          />
        )}
        {report && report.warnings.length > 0 && (
          <>
            <Typography.Text type="warning">
              {i('warnings', { count: report.warnings.length })}
            </Typography.Text>
            <Problems rows={report.warnings} />
          </>
        )}
      </Space>
    </Modal>
  );
}
