// A reviewer's score sheet for one case: every criterion within the call's scale, once.
// Nothing about other reviewers' scores is ever shown here.
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useScore, type CallDto, type SubmissionDto } from '../../api/cases';
import { errorMessage } from '../../api/client';

export default function ScoreModal({
  call,
  submission,
  onClose,
}: {
  call: CallDto;
  submission: SubmissionDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment: string }>();
  const score = useScore();
  const submit = async (v: { scores: Record<string, number>; comment: string }) => {
    await score.mutateAsync({ id: submission.id, scores: v.scores, comment: v.comment ?? '' });
    onClose();
  };
  return (
    <Modal
      open
      title={t('cases.scoreTitle', { title: submission.title })}
      okText={t('cases.score')}
      cancelText={t('cases.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={score.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('cases.scoreHint', { max: call.scaleMax })}
      </Typography.Paragraph>
      {score.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(score.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="horizontal" labelCol={{ span: 8 }} onFinish={(v) => void submit(v)}>
        {call.criteria.map((c) => (
          <Form.Item
            key={c.key}
            name={['scores', c.key]}
            label={`${c.name}（${c.weight}%）`}
            rules={[{ required: true, message: `请为“${c.name}”打分` }]}
          >
            <InputNumber min={0} max={call.scaleMax} step={0.5} aria-label={c.name} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('cases.comment')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
