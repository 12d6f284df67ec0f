// A unit's case: text, the plan task it serves, result figures and attachments. Errors come
// back in Chinese with the field (a task outside the domain, a file that is not what it says).
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CaseError,
  useSubmitCase,
  type CallDto,
  type SubmissionDataInput,
  type SubmissionDto,
} from '../../api/cases';
import { errorMessage } from '../../api/client';
import { usePlan } from '../../api/plan';

export default function SubmitCaseModal({
  call,
  submission,
  onClose,
}: {
  call: CallDto;
  submission: SubmissionDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SubmissionDataInput>();
  const [files, setFiles] = useState<File[]>([]);
  const send = useSubmitCase();
  const plan = usePlan();
  const domainCode = Form.useWatch('domainCode', form);
  const domains = (plan.data?.plan.domains ?? []).filter(
    (d) => call.domainCodes.length === 0 || call.domainCodes.includes(d.code),
  );
  const tasks = domains.find((d) => d.code === domainCode)?.tasks ?? [];
  const initial: Partial<SubmissionDataInput> = submission
    ? {
        title: submission.title,
        domainCode: submission.domainCode,
        taskNumber: submission.taskNumber,
        summary: submission.summary,
        results: submission.results,
        figures: submission.figures,
        removeAttachmentIds: [],
      }
    : { figures: [] };
  const submit = async (values: SubmissionDataInput) => {
    await send.mutateAsync({
      callId: call.id,
      submissionId: submission?.id ?? null,
      data: { ...values, figures: values.figures ?? [] },
      files,
    });
    onClose();
  };
  const details = send.error instanceof CaseError ? send.error.details : [];
  return (
    <Modal
      open
      title={submission ? t('cases.editCase') : t('cases.submit')}
      okText={t('cases.save')}
      cancelText={t('cases.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={send.isPending}
      width={760}
      destroyOnHidden
    >
      {send.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(send.error)}
          description={
            details.length > 1 ? (
              <ul data-testid="case-errors" style={{ margin: 0, paddingLeft: 18 }}>
                {details.map((d, i) => (
                  <li key={i}>
                    {d.field ? `${d.field}：` : ''}
                    {d.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={t('cases.caseTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="domainCode" label={t('cases.domain')} rules={[{ required: true }]}>
            <Select
              style={{ width: 260 }}
              aria-label={t('cases.domain')}
              options={domains.map((d) => ({ value: d.code, label: d.name }))}
              onChange={() => form.setFieldValue('taskNumber', undefined)}
            />
          </Form.Item>
          <Form.Item name="taskNumber" label={t('cases.task')} rules={[{ required: true }]}>
            <Select
              style={{ width: 380 }}
              aria-label={t('cases.task')}
              options={tasks.map((x) => ({ value: x.number, label: `${x.number}. ${x.title}` }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('cases.summary')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="results" label={t('cases.results')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Typography.Text strong>{t('cases.figures')}</Typography.Text>
        <Form.List name="figures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}>
                    <Input placeholder={t('cases.figureLabel')} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']} rules={[{ required: true }]}>
                    <InputNumber placeholder={t('cases.figureValue')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']} initialValue="">
                    <Input placeholder={t('cases.figureUnit')} style={{ width: 100 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ label: '', value: 0, unit: '' })}
                style={{ marginBottom: 16 }}
              >
                {t('cases.addFigure')}
              </Button>
            </>
          )}
        </Form.List>
        {submission && submission.attachments.length > 0 && (
          <Form.Item name="removeAttachmentIds" label={t('cases.removeAttachments')}>
            <Checkbox.Group
              options={submission.attachments.map((a) => ({ value: a.id, label: a.fileName }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('cases.attachments')} extra={t('cases.attachmentsHint')}>
          <input
            type="file"
            multiple
            aria-label={t('cases.attachments')}
            accept=".jpg,.jpeg,.png,.webp,.gif,.pdf,.doc,.docx,.xls,.xlsx,.pptx"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
