// 开展中期评估: the as-of date (not after today, within the plan) and an optional title.
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useCreateEvaluation } from '../../api/evaluations';

interface Props {
  open: boolean;
  onClose: (createdId: number | null) => void;
}

interface Values {
  asOf: string;
  title?: string;
}

const todayCst = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function CreateModal({ open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateEvaluation();

  useEffect(() => {
    if (!open) return;
    create.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    const result = await create.mutateAsync({
      asOf: v.asOf.trim(),
      title: v.title?.trim() || undefined,
    });
    onClose(result.id);
  };

  return (
    <Modal
      open={open}
      title={t('evaluations.form.title')}
      okText={t('evaluations.form.submit')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={() => onClose(null)}
      destroyOnHidden
    >
      {create.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(create.error)}
        />
      )}
      {create.isPending && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('evaluations.form.working')}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ asOf: todayCst() }}>
        <Form.Item
          name="asOf"
          label={t('evaluations.form.asOf')}
          extra={t('evaluations.form.asOfHint')}
          rules={[
            {
              required: true,
              pattern: /^\d{4}-\d{2}-\d{2}$/,
              message: t('evaluations.form.asOfRequired'),
            },
          ]}
        >
          <Input type="date" max={todayCst()} />
        </Form.Item>
        <Form.Item name="title" label={t('evaluations.form.name')}>
          <Input maxLength={200} allowClear />
        </Form.Item>
      </Form>
    </Modal>
  );
}
