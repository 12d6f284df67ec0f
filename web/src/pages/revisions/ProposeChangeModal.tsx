// The proposal form of 动态调整: one row per target (a new value and/or deadline, or dropping
// it), the reason and the date the change is in force from. A department sees only the
// targets of the domains it leads; the server checks the same and re-validates the plan.
import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { allTargets } from '../../../../core/plan/targets';
import { errorMessage } from '../../api/client';
import { usePlan } from '../../api/plan';
import { usePropose, type TargetChange } from '../../api/planRevisions';
import { useCurrentUser } from '../../components/CurrentUser';

interface Row {
  code?: string;
  op: 'modify' | 'drop';
  value?: number | null;
  deadline?: string;
}
interface Values {
  changes: Row[];
  reason: string;
  effectiveFrom: string;
}

const today = () => new Date().toISOString().slice(0, 10);

export default function ProposeChangeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const plan = usePlan();
  const propose = usePropose();
  const [form] = Form.useForm<Values>();
  const rows = Form.useWatch('changes', form) ?? [];
  const domains = plan.data?.plan.domains ?? [];
  const own = (domainCode: string) =>
    user.role !== 'department' ||
    domains.some((d) => d.code === domainCode && d.leadUnits.includes(user.unitCode ?? ''));
  const targets = plan.data ? allTargets(plan.data.plan).filter((x) => own(x.domainCode)) : [];
  const byCode = new Map(targets.map((x) => [x.code, x]));

  const submit = async (values: Values) => {
    const changes: TargetChange[] = values.changes.map((r) => {
      if (r.op === 'drop') return { op: 'drop', code: r.code! };
      const set: { value?: number; deadline?: string } = {};
      if (r.value !== undefined && r.value !== null) set.value = r.value;
      if (r.deadline) set.deadline = r.deadline;
      return { op: 'modify', code: r.code!, set };
    });
    await propose.mutateAsync({
      changes,
      reason: values.reason,
      effectiveFrom: values.effectiveFrom,
    });
    onClose();
  };

  return (
    <Modal
      open
      title={t('planChanges.propose')}
      okText={t('planChanges.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={propose.isPending}
      width={820}
      destroyOnHidden
    >
      {propose.isError && (
        <Alert
          type="error"
          showIcon
          data-testid="propose-error"
          title={errorMessage(propose.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ changes: [{ op: 'modify' }], reason: '', effectiveFrom: today() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.List name="changes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => {
                const row = rows[i];
                const current = row?.code ? byCode.get(row.code) : undefined;
                return (
                  <div key={f.key} data-testid={`change-row-${i}`} style={{ marginBottom: 8 }}>
                    <Space align="start" wrap>
                      <Form.Item
                        name={[f.name, 'code']}
                        label={t('planChanges.target')}
                        rules={[{ required: true }]}
                      >
                        <Select
                          showSearch
                          optionFilterProp="label"
                          style={{ width: 330 }}
                          aria-label={t('planChanges.target')}
                          options={targets.map((x) => ({
                            value: x.code,
                            label: `${x.code} ${x.indicator}`,
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'op']} label={t('planChanges.op')}>
                        <Radio.Group
                          options={[
                            { value: 'modify', label: t('planChanges.opModify') },
                            { value: 'drop', label: t('planChanges.opDrop') },
                          ]}
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button
                          type="text"
                          aria-label={t('planChanges.removeRow')}
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          style={{ marginTop: 30 }}
                        />
                      )}
                    </Space>
                    {row?.op !== 'drop' && (
                      <Space align="start" wrap>
                        <Form.Item
                          name={[f.name, 'value']}
                          label={t('planChanges.newValue')}
                          rules={[
                            {
                              validator: (_, v: unknown) =>
                                v === undefined || v === null || v === ''
                                  ? rows[i]?.deadline
                                    ? Promise.resolve()
                                    : Promise.reject(new Error(t('planChanges.nothingToChange')))
                                  : Promise.resolve(),
                            },
                          ]}
                        >
                          <InputNumber
                            style={{ width: 160 }}
                            suffix={current?.unit}
                            data-testid={`new-value-${i}`}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'deadline']} label={t('planChanges.newDeadline')}>
                          <Input type="date" style={{ width: 160 }} />
                        </Form.Item>
                        {current && (
                          <Typography.Text type="secondary" style={{ lineHeight: '90px' }}>
                            {t('planChanges.current', {
                              value: `${current.value}${current.unit}`,
                              deadline: current.deadline,
                            })}
                          </Typography.Text>
                        )}
                      </Space>
                    )}
                  </div>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ op: 'modify' })}>
                {t('planChanges.addRow')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          name="reason"
          label={t('planChanges.reason')}
          extra={t('planChanges.reasonHint')}
          rules={[{ required: true, whitespace: true }]}
          style={{ marginTop: 16 }}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('planChanges.effectiveFrom')}
          extra={t('planChanges.effectiveHint')}
          rules={[{ required: true }]}
        >
          <Input type="date" style={{ width: 180 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
