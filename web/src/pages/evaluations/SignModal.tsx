// 签发: the counts (unassessed targets are recorded as 未评估), a comment, and a confirmation
// that everything freezes.
import { Alert, App, Form, Input, Modal, Popconfirm, Button, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useSignEvaluation, type EvaluationDetail } from '../../api/evaluations';

interface Props {
  evaluation: EvaluationDetail;
  open: boolean;
  onClose: () => void;
}

export function SignModal({ evaluation: e, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const sign = useSignEvaluation(e.id);

  useEffect(() => {
    if (!open) return;
    sign.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    await sign.mutateAsync({ version: e.version, comment: v.comment?.trim() || undefined });
    void message.success(t('evaluations.signForm.done'));
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('evaluations.signForm.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Popconfirm
          title={t('evaluations.signForm.confirm')}
          onConfirm={() => void submit().catch(() => undefined)}
          okButtonProps={{ loading: sign.isPending }}
        >
          <Button type="primary" loading={sign.isPending}>
            {t('evaluations.signForm.submit')}
          </Button>
        </Popconfirm>
      }
    >
      <Typography.Paragraph>
        {t('evaluations.signForm.summary', {
          targets: e.summary.targets,
          assessed: e.summary.assessed,
          unassessed: e.summary.unassessed,
        })}
      </Typography.Paragraph>
      {e.summary.unassessed > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('evaluations.signForm.unassessedNote')}
        />
      )}
      {sign.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(sign.error)}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={t('evaluations.signForm.comment')}
          rules={[{ required: e.summary.unassessed > 0, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
