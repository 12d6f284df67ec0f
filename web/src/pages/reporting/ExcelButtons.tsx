// Template download and upload: the upload is first a dry run whose summary and placed errors
// are shown; only a clean dry run can be confirmed, optionally submitting as well.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  DetailedApiError,
  templateUrl,
  uploadWorkbook,
  type ImportResult,
  type PlacedError,
  type SubmissionKey,
} from '../../api/reporting';

function describe(error: PlacedError): string {
  if (error.sheet)
    return `${error.sheet} ${error.row ?? ''}${error.column ? ` ${error.column}` : ''}`;
  return error.row ? String(error.row) : (error.field ?? '');
}

export function ExcelButtons(props: {
  reportKey: SubmissionKey;
  csrf: string;
  canUpload: boolean;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState<ImportResult | null>(null);
  const [submit, setSubmit] = useState(true);
  const [busy, setBusy] = useState(false);

  const check = async (chosen: File) => {
    setBusy(true);
    try {
      setFile(chosen);
      setDryRun(
        await uploadWorkbook(
          chosen,
          { dryRun: true, submit, formCode: props.reportKey.formCode },
          props.csrf,
        ),
      );
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const done = await uploadWorkbook(
        file,
        { dryRun: false, submit, formCode: props.reportKey.formCode },
        props.csrf,
      );
      void message.success(
        t(
          done.submitted ? 'reportingPage.upload.doneSubmitted' : 'reportingPage.upload.done',
          done.summary,
        ),
      );
      setDryRun(null);
      props.onImported();
    } catch (error) {
      const body = error instanceof DetailedApiError ? (error.body as Partial<ImportResult>) : null;
      if (body?.errors && body.summary) setDryRun({ ...(dryRun as ImportResult), ...body });
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={templateUrl(props.reportKey)}>
        {t('reportingPage.actions.download')}
      </Button>
      {props.canUpload && (
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(chosen) => {
            void check(chosen);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy && !dryRun}>
            {t('reportingPage.actions.upload')}
          </Button>
        </Upload>
      )}
      <Modal
        open={dryRun !== null}
        title={t('reportingPage.upload.title')}
        width={820}
        onCancel={() => setDryRun(null)}
        okText={t('reportingPage.upload.confirm')}
        okButtonProps={{ disabled: (dryRun?.errorCount ?? 1) > 0, loading: busy }}
        onOk={() => void confirm()}
      >
        {dryRun && (
          <div data-testid="import-dry-run">
            <Alert
              type={dryRun.errorCount ? 'error' : 'success'}
              showIcon
              title={t('reportingPage.upload.summary', dryRun.summary)}
              description={t('reportingPage.upload.intro')}
            />
            {dryRun.errorCount > 0 && (
              <Table<PlacedError>
                style={{ marginTop: 12 }}
                size="small"
                rowKey={(e) => e.message}
                title={() => t('reportingPage.upload.errorsTitle', { count: dryRun.errorCount })}
                pagination={{ pageSize: 10 }}
                dataSource={dryRun.errors}
                columns={[
                  {
                    title: t('reportingPage.upload.place'),
                    width: 150,
                    render: (_, e) => describe(e),
                  },
                  { title: t('reportingPage.upload.why'), dataIndex: 'message' },
                ]}
              />
            )}
            <Checkbox
              style={{ marginTop: 12 }}
              checked={submit}
              onChange={(e) => setSubmit(e.target.checked)}
            >
              {t('reportingPage.upload.submitToo')}
            </Checkbox>
          </div>
        )}
      </Modal>
    </Space>
  );
}
