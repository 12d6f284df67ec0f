// The progress-report form: percent, text, milestone (and whether it is done), status — the
// rule's proposal unless the reporter picks another one with a reason — and evidence files.
// Sizes and types are hinted here; the server checks the real content and decides.
import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import {
  DetailedApiError,
  LEDGER_STATUS_ORDER,
  useProposal,
  useReportProgress,
  type ItemView,
  type LedgerStatus,
} from '../../../api/ledgers';

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;
const EXTENSIONS = [
  'jpg',
  'jpeg',
  'png',
  'webp',
  'gif',
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'pptx',
];

interface Values {
  percentDone: number;
  text: string;
  milestoneId?: number;
  milestoneDone?: boolean;
  status?: LedgerStatus;
  overrideReason?: string;
}

export function ReportForm({ item, onDone }: { item: ItemView; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [hints, setHints] = useState<string[]>([]);
  const percent = Form.useWatch('percentDone', form);
  const milestoneId = Form.useWatch('milestoneId', form);
  const milestoneDone = Form.useWatch('milestoneDone', form);
  const chosen = Form.useWatch('status', form);
  const proposal = useProposal(
    item.id,
    typeof percent === 'number' ? percent : null,
    milestoneDone && milestoneId ? milestoneId : null,
  );
  const proposed = proposal.data?.status;
  const differs = chosen !== undefined && proposed !== undefined && chosen !== proposed;
  const mutation = useReportProgress(item.id);

  const check = (list: UploadFile[]) => {
    const problems: string[] = [];
    if (list.length > MAX_FILES) problems.push(t('ledgers.form.tooMany'));
    for (const f of list) {
      const ext = f.name.split('.').pop()?.toLowerCase() ?? '';
      if (!EXTENSIONS.includes(ext)) problems.push(t('ledgers.form.badType', { name: f.name }));
      if ((f.size ?? 0) > MAX_BYTES) problems.push(t('ledgers.form.tooLarge', { name: f.name }));
    }
    setHints(problems);
  };

  const submit = async (v: Values) => {
    try {
      await mutation.mutateAsync({
        percentDone: v.percentDone,
        text: v.text,
        milestoneId: v.milestoneId ?? null,
        milestoneDone: v.milestoneDone ?? false,
        status: differs ? (v.status ?? null) : null,
        overrideReason: differs ? (v.overrideReason ?? null) : null,
        version: item.version,
        files: files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])),
      });
      void message.success(t('ledgers.form.saved'));
      form.resetFields();
      setFiles([]);
      onDone();
    } catch (e) {
      // Field-level problems go next to their fields; the rest shows above the button.
      if (e instanceof DetailedApiError)
        form.setFields(
          e.details
            .filter((d) => d.field && !d.field.startsWith('files'))
            .map((d) => ({ name: d.field as keyof Values, errors: [d.message] })),
        );
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ percentDone: item.percentDone }}
      onFinish={(v) => void submit(v)}
      data-testid="ledger-report-form"
    >
      <Form.Item
        name="percentDone"
        label={t('ledgers.form.percent')}
        rules={[{ required: true, message: t('ledgers.form.required') }]}
      >
        <InputNumber min={0} max={100} step={5} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('ledgers.form.text')}
        rules={[{ required: true, whitespace: true, message: t('ledgers.form.required') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} placeholder={t('ledgers.form.textPlaceholder')} />
      </Form.Item>
      {item.milestones.length > 0 && (
        <Form.Item label={t('ledgers.form.milestone')} style={{ marginBottom: 8 }}>
          <Form.Item name="milestoneId" noStyle>
            <Select
              allowClear
              style={{ width: 320 }}
              options={item.milestones.map((m) => ({
                value: m.id,
                label: `${m.dueDate} ${m.title}`,
                disabled: m.doneOn !== null,
              }))}
            />
          </Form.Item>
          <Form.Item name="milestoneDone" valuePropName="checked" noStyle>
            <Checkbox disabled={!milestoneId} style={{ marginLeft: 12 }}>
              {t('ledgers.form.milestoneDone')}
            </Checkbox>
          </Form.Item>
        </Form.Item>
      )}
      <Form.Item
        name="status"
        label={t('ledgers.form.status')}
        extra={
          proposal.data &&
          t('ledgers.form.proposal', {
            status: t(`ledgers.status.${proposal.data.status}`),
            reason: proposal.data.reason,
          })
        }
      >
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={proposed && t(`ledgers.status.${proposed}`)}
          options={LEDGER_STATUS_ORDER.map((s) => ({ value: s, label: t(`ledgers.status.${s}`) }))}
        />
      </Form.Item>
      {differs && (
        <Form.Item
          name="overrideReason"
          label={t('ledgers.form.overrideReason')}
          extra={t('ledgers.form.overrideHint')}
          rules={[{ required: true, whitespace: true, message: t('ledgers.form.overrideHint') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
      <Form.Item label={t('ledgers.form.files')} extra={t('ledgers.form.filesHint')}>
        <Upload
          multiple
          accept={EXTENSIONS.map((e) => `.${e}`).join(',')}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFiles(fileList);
            check(fileList);
          }}
        >
          <Button icon={<UploadOutlined />}>{t('ledgers.form.choose')}</Button>
        </Upload>
        {hints.map((h) => (
          <Typography.Text key={h} type="warning" style={{ display: 'block' }}>
            {h}
          </Typography.Text>
        ))}
      </Form.Item>
      {mutation.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(mutation.error)}
          data-testid="ledger-report-error"
        />
      )}
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {t('ledgers.form.submit')}
      </Button>
    </Form>
  );
}
