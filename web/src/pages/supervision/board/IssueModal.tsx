// 发起督办: level, target unit, title and requirements; the deadline follows the level unless
// given. A department chooses one of its own domains (the server checks it again).
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useOrgUnits } from '../../../api/orgUnits';
import { usePlan } from '../../../api/plan';
import { useIssue, type IssueInput } from '../../../api/supervision';

const LEVELS = ['general', 'key', 'listed'] as const;

interface Props {
  open: boolean;
  onClose: (issuedId: number | null) => void;
}

export function IssueModal({ open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IssueInput>();
  const issue = useIssue();
  const units = useOrgUnits();
  const plan = usePlan();
  const required = [{ required: true, message: t('supervisionBoard.issue.required') }];

  useEffect(() => {
    if (!open) return;
    issue.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const unitOptions = (units.data ?? [])
    .filter((u) => u.level !== 'province')
    .map((u) => ({ value: u.code, label: u.name }));
  const domainOptions = (plan.data?.plan.domains ?? []).map((d) => ({
    value: d.code,
    label: d.name,
  }));

  const submit = async () => {
    const values = await form.validateFields();
    const input: IssueInput = {
      ...values,
      replyDue: values.replyDue || undefined,
      domainCode: values.domainCode || undefined,
    };
    const result = await issue.mutateAsync(input);
    onClose(result.item.id);
  };

  return (
    <Modal
      open={open}
      title={t('supervisionBoard.issue.title')}
      okText={t('supervisionBoard.issue.submit')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={issue.isPending}
      onCancel={() => onClose(null)}
      destroyOnHidden
    >
      {issue.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(issue.error)}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ level: 'general' }}>
        <Form.Item
          name="level"
          label={t('supervisionBoard.issue.level')}
          rules={required}
          extra={t('supervisionBoard.issue.levelHint')}
        >
          <Radio.Group
            optionType="button"
            options={LEVELS.map((l) => ({ value: l, label: t(`supervisionBoard.levels.${l}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="targetUnitCode"
          label={t('supervisionBoard.issue.target')}
          rules={required}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions}
            loading={units.isLoading}
            aria-label={t('supervisionBoard.issue.target')}
          />
        </Form.Item>
        <Form.Item name="title" label={t('supervisionBoard.issue.titleField')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('supervisionBoard.issue.body')} rules={required}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="domainCode" label={t('supervisionBoard.issue.domain')}>
          <Select
            allowClear
            options={domainOptions}
            aria-label={t('supervisionBoard.issue.domain')}
          />
        </Form.Item>
        <Form.Item name="replyDue" label={t('supervisionBoard.issue.replyDue')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
