// 评估指标: the proposed action, a proposed target value (raise / lower; optional to replace)
// and the assessment text, saved against the version read (a conflict reloads).
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  EVALUATION_ACTIONS,
  useAssessTarget,
  type AssessmentView,
  type EvaluationAction,
  type EvaluationTarget,
} from '../../api/evaluations';
import { at } from './format';

interface Props {
  evaluationId: number;
  target: EvaluationTarget | null;
  current: AssessmentView | undefined;
  onClose: () => void;
}

interface Values {
  action: EvaluationAction;
  proposedValue?: number | null;
  text: string;
}

export function AssessModal({ evaluationId, target, current, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const assess = useAssessTarget(evaluationId);
  const action = Form.useWatch('action', form);

  useEffect(() => {
    if (!target) return;
    assess.reset();
    form.setFieldsValue({
      action: current?.action ?? 'keep',
      proposedValue: current?.proposedValue ?? null,
      text: current?.text ?? '',
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target?.code, current?.version]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const withValue = v.action === 'raise' || v.action === 'lower' || v.action === 'replace';
    await assess.mutateAsync({
      targetCode: target.code,
      action: v.action,
      text: v.text,
      proposedValue: withValue ? (v.proposedValue ?? null) : null,
      version: current?.version,
    });
    void message.success(t('evaluations.assess.saved'));
    onClose();
  };

  return (
    <Modal
      open={target !== null}
      title={target ? t('evaluations.assess.title', { code: target.code }) : ''}
      okText={t('evaluations.assess.submit')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={assess.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && (
        <Typography.Paragraph type="secondary">
          {target.indicator} · {target.reason}
        </Typography.Paragraph>
      )}
      {current && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('evaluations.assess.by', {
            by: current.assessedBy,
            at: at(current.updatedAt),
            version: current.version,
          })}
        </Typography.Paragraph>
      )}
      {assess.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(assess.error)}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="action" label={t('evaluations.assess.action')}>
          <Radio.Group
            optionType="button"
            options={EVALUATION_ACTIONS.map((a) => ({
              value: a,
              label: t(`evaluations.actions.${a}`),
            }))}
          />
        </Form.Item>
        {(action === 'raise' || action === 'lower' || action === 'replace') && (
          <Form.Item
            name="proposedValue"
            label={t('evaluations.assess.proposedValue', { unit: target?.unit ?? '' })}
            extra={t('evaluations.assess.proposedHint')}
          >
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item
          name="text"
          label={t('evaluations.assess.text')}
          rules={[
            { required: true, whitespace: true, message: t('evaluations.assess.textRequired') },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
