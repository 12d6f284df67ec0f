// The office's form for a call: dates, domains, weighted criteria (must sum to 100), the scale,
// the number of winners and the tie rule stated to everyone.
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CRITERIA, TIE_RULES, TIE_RULE_TEXT } from '../../../../core/cases';
import { useSaveCall, type CallDto, type CallInput } from '../../api/cases';
import { errorMessage } from '../../api/client';
import { usePlan } from '../../api/plan';

const plusDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export default function CallFormModal({
  call,
  onClose,
}: {
  call: CallDto | null;
  onClose: (savedId?: number) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CallInput>();
  const save = useSaveCall();
  const plan = usePlan();
  const criteria = Form.useWatch('criteria', form) ?? [];
  const sum = criteria.reduce((s, c) => s + (Number(c?.weight) || 0), 0);
  const initial: CallInput = call
    ? {
        title: call.title,
        description: call.description,
        domainCodes: call.domainCodes,
        submissionDeadline: call.submissionDeadline,
        reviewDeadline: call.reviewDeadline,
        criteria: call.criteria,
        scaleMax: call.scaleMax,
        winners: call.winners,
        tieRule: call.tieRule,
      }
    : {
        title: '',
        description: '',
        domainCodes: [],
        submissionDeadline: plusDays(30),
        reviewDeadline: plusDays(45),
        criteria: DEFAULT_CRITERIA,
        scaleMax: 10,
        winners: 3,
        tieRule: 'top_criterion',
      };
  const submit = async (values: CallInput) => {
    const saved = await save.mutateAsync({ id: call?.id ?? null, input: values });
    onClose(saved.id);
  };
  return (
    <Modal
      open
      title={call ? t('cases.editCall') : t('cases.newCall')}
      okText={t('cases.save')}
      cancelText={t('cases.cancel')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      {save.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(save.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={t('cases.titleLabel')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('cases.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="domainCodes" label={t('cases.domains')}>
          <Select
            mode="multiple"
            placeholder={t('cases.allDomains')}
            options={(plan.data?.plan.domains ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item
            name="submissionDeadline"
            label={t('cases.submissionDeadline')}
            rules={[{ required: true }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="reviewDeadline"
            label={t('cases.reviewDeadline')}
            rules={[{ required: true }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="scaleMax" label={t('cases.scale')}>
            <Select
              style={{ width: 120 }}
              options={[10, 100].map((m) => ({
                value: m,
                label: t('cases.scaleText', { max: m }),
              }))}
            />
          </Form.Item>
          <Form.Item name="winners" label={t('cases.winners')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="tieRule" label={t('cases.tieRule')}>
          <Select options={TIE_RULES.map((r) => ({ value: r, label: TIE_RULE_TEXT[r] }))} />
        </Form.Item>
        <Typography.Text strong>{t('cases.criteria')}</Typography.Text>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true }]}>
                    <Input placeholder={t('cases.criterionKey')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('cases.criterionName')} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} placeholder={t('cases.weight')} suffix="%" />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Space>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: '', name: '', weight: 10 })}
                >
                  {t('cases.addCriterion')}
                </Button>
                <Typography.Text
                  type={sum === 100 ? 'secondary' : 'danger'}
                  data-testid="weight-sum"
                >
                  {t('cases.weightSum', { sum })}
                </Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
