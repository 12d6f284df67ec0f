// The one import dialog of the platform: choose a file, check it (a dry run that stores
// nothing; every error placed by sheet, row and column), then import it — all rows or none.
// Each feature supplies its labels, how to send the file and how to read the report.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';

export interface PlacedProblem {
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  message: string;
}

export interface DryRunReport {
  dryRun: boolean;
  errors: PlacedProblem[];
}

export interface DryRunImportLabels {
  title: string;
  hint: string;
  choose: string;
  check: string;
  commit: string;
  /** Table headers of the problems: sheet, row, column, problem. */
  columns: [string, string, string, string];
}

/** A table of problems placed in the file. */
export function ProblemsTable({
  rows,
  columns,
  testId,
}: {
  rows: PlacedProblem[];
  columns: DryRunImportLabels['columns'];
  testId: string;
}) {
  return (
    <Table<PlacedProblem>
      size="small"
      rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.message}`}
      dataSource={rows}
      pagination={{ pageSize: 8, showSizeChanger: false }}
      data-testid={testId}
      columns={[
        { title: columns[0], dataIndex: 'sheet', width: 110 },
        { title: columns[1], dataIndex: 'row', width: 60 },
        { title: columns[2], dataIndex: 'column', width: 150 },
        { title: columns[3], dataIndex: 'message' },
      ]}
    />
  );
}

export function DryRunImportModal<R extends DryRunReport>({
  open,
  onClose,
  labels,
  accept,
  send,
  errorsTitle,
  errorsTestId,
  options,
  result,
}: {
  open: boolean;
  onClose: () => void;
  labels: DryRunImportLabels;
  accept: string;
  /** Sends the file; the dialog shows the report it answers. */
  send: (file: File, dryRun: boolean) => Promise<R>;
  errorsTitle: (count: number) => string;
  errorsTestId: string;
  /** Choices that change what an import does; `reset` clears a report they invalidate. */
  options?: (reset: () => void) => ReactNode;
  /** What else a report says (checked, imported, warnings) besides its errors. */
  result: (report: R) => ReactNode;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const reset = () => {
    setReport(null);
    setFailure(null);
  };
  const close = () => {
    setFile(null);
    reset();
    onClose();
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setPending(true);
    setFailure(null);
    try {
      setReport(await send(file, dryRun));
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  };
  const checkedClean = report?.dryRun === true && report.errors.length === 0;
  const committed = report?.dryRun === false;

  return (
    <Modal
      open={open}
      title={labels.title}
      width={860}
      onCancel={close}
      footer={[
        <Button
          key="dry"
          disabled={!file || committed}
          loading={pending}
          onClick={() => void run(true)}
        >
          {labels.check}
        </Button>,
        <Button
          key="commit"
          type="primary"
          disabled={!checkedClean}
          loading={pending}
          onClick={() => void run(false)}
        >
          {labels.commit}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{labels.hint}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload
          accept={accept}
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
          <Button icon={<UploadOutlined />}>{labels.choose}</Button>
        </Upload>
        {options?.(reset)}
        {failure !== null && <Alert type="error" showIcon title={errorMessage(failure)} />}
        {report && report.errors.length > 0 && (
          <>
            <Alert type="error" showIcon title={errorsTitle(report.errors.length)} />
            <ProblemsTable rows={report.errors} columns={labels.columns} testId={errorsTestId} />
          </>
        )}
        {report && result(report)}
      </Space>
    </Modal>
  );
}
