// 新增 / 修改民生实事: title, lead unit, linked plan tasks and the year's targets (indicator over a
// data element, a ratio or a registry measure; comparator and value). The server's checks are
// placed on the fields; a version conflict reloads what is stored.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { apiGet, errorMessage } from '../../api/client';
import { DetailedApiError } from '../../api/ledgers';
import { usePlan } from '../../api/plan';
import { useSaveMatter, type MatterDto, type Target } from '../../api/practicalMatters';
import {
  defaultTarget,
  formName,
  toFormValues,
  toInput,
  type MatterValues,
  type TargetValues,
} from './matterFormModel';

interface Props {
  year: number;
  matter: MatterDto | null;
  /** Numbers already used this year (a new matter takes the first free one). */
  taken: number[];
  onClose: () => void;
}

const COMPARATORS = ['>=', '<=', '≈', '==', 'decreasing'] as const;
const KINDS = ['cumulative', 'level', 'annual', 'maintain'] as const;

export function MatterFormModal({ year, matter, taken, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MatterValues>();
  const plan = usePlan().data?.plan;
  const save = useSaveMatter();
  const client = useQueryClient();
  const [conflict, setConflict] = useState<string | null>(null);
  const [base, setBase] = useState<MatterDto | null>(matter);
  const [unplaced, setUnplaced] = useState<string[]>([]);

  const initial = useMemo<MatterValues>(() => {
    if (matter) return toFormValues(matter);
    const seq = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find((n) => !taken.includes(n)) ?? 10;
    return {
      seq,
      title: '',
      description: '',
      leadUnit: '',
      tasks: [],
      targets: [defaultTarget(year, seq, 1)],
    };
  }, [matter, taken, year]);

  const elementOptions = (plan?.dataElements ?? []).map((e) => ({
    value: e.code,
    label: `${e.name}（${e.unit}）`,
  }));
  const computedOptions = [
    ...new Set(
      (plan?.domains ?? []).flatMap((d) =>
        d.tasks.flatMap((x) =>
          x.targets.flatMap((g) => ('computed' in g.measure ? [g.measure.computed] : [])),
        ),
      ),
    ),
  ].map((c) => ({ value: c, label: c }));
  const taskOptions = (plan?.domains ?? []).map((d) => ({
    label: d.name,
    options: d.tasks.map((x) => ({
      value: `${d.code}|${x.number}`,
      label: `${x.number}. ${x.title}`,
    })),
  }));
  const unitOptions = (plan?.units ?? []).map((u) => ({ value: u.code, label: u.name }));

  const submit = async (values: MatterValues) => {
    setConflict(null);
    setUnplaced([]);
    try {
      await save.mutateAsync({
        id: base?.id ?? null,
        input: toInput(year, values, (base?.targets as Target[] | undefined) ?? []),
        ...(base ? { version: base.version } : {}),
      });
      void message.success(t('practicalMatters.saved'));
      onClose();
    } catch (e) {
      if (!(e instanceof DetailedApiError)) return;
      if (e.status === 409 && base) {
        // Someone saved in between: load what is stored now and edit that version.
        const fresh = await apiGet<{ matter: MatterDto }>(`/api/practical-matters/${base.id}`);
        setBase(fresh.matter);
        form.setFieldsValue(toFormValues(fresh.matter));
        void client.invalidateQueries({ queryKey: ['practical-matters'] });
        setConflict(t('practicalMatters.form.conflict', { version: fresh.matter.version }));
        return;
      }
      const rest: string[] = [];
      const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const d of e.details) {
        const name = formName(d.field);
        if (!name) {
          rest.push(d.message);
          continue;
        }
        const entry = placed.get(name.join('.')) ?? { name, errors: [] };
        entry.errors.push(d.message);
        placed.set(name.join('.'), entry);
      }
      form.setFields([...placed.values()] as Parameters<typeof form.setFields>[0]);
      setUnplaced(rest);
    }
  };

  const required = [{ required: true, message: t('practicalMatters.form.required') }];
  const failure = save.error instanceof DetailedApiError && save.error.status !== 409;

  return (
    <Modal
      open
      width={1000}
      title={
        matter
          ? t('practicalMatters.form.titleEdit', { seq: matter.seq })
          : t('practicalMatters.form.titleNew', { year })
      }
      okText={t('practicalMatters.form.save')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      {conflict && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={conflict} />}
      {failure && save.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(save.error)}
          description={unplaced.length ? unplaced.join('；') : undefined}
          data-testid="matter-form-error"
        />
      )}
      <Form<MatterValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        data-testid="matter-form"
      >
        <Row gutter={12}>
          <Col span={4}>
            <Form.Item name="seq" label={t('practicalMatters.form.seq')} rules={required}>
              <InputNumber min={1} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="title" label={t('practicalMatters.form.name')} rules={required}>
              <Input maxLength={100} data-testid="matter-title" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leadUnit" label={t('practicalMatters.form.leadUnit')} rules={required}>
              <Select options={unitOptions} showSearch optionFilterProp="label" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tasks" label={t('practicalMatters.form.tasks')} rules={required}>
          <Select mode="multiple" options={taskOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="description" label={t('practicalMatters.form.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <TargetFields
                  key={field.key}
                  index={i}
                  name={field.name}
                  onRemove={() => remove(field.name)}
                  elementOptions={elementOptions}
                  computedOptions={computedOptions}
                />
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add(
                    defaultTarget(
                      year,
                      (form.getFieldValue('seq') as number | undefined) ?? 1,
                      fields.length + 1,
                    ),
                  )
                }
              >
                {t('practicalMatters.form.addTarget')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

type Options = Array<{ value: string; label: string }>;

function TargetFields({
  index,
  name,
  onRemove,
  elementOptions,
  computedOptions,
}: {
  index: number;
  name: number;
  onRemove: () => void;
  elementOptions: Options;
  computedOptions: Options;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<MatterValues>();
  const measureType = Form.useWatch(['targets', name, 'measureType'], form) as
    TargetValues['measureType'] | undefined;
  const f = (key: keyof TargetValues) => [name, key];
  const label = (key: string) => t(`practicalMatters.form.${key}` as 'practicalMatters.form.code');
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`${t('practicalMatters.form.targets')} ${index + 1}`}
      data-testid="matter-target"
      extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} />}
    >
      <Row gutter={8}>
        <Col span={6}>
          <Form.Item name={f('code')} label={label('code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name={f('indicator')} label={label('indicator')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={f('measureType')} label={label('measureType')}>
            <Select
              options={[
                { value: 'element', label: label('measureElement') },
                { value: 'ratio', label: label('measureRatio') },
                { value: 'computed', label: label('measureComputed') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      {measureType === 'ratio' ? (
        <Row gutter={8}>
          <Col span={10}>
            <Form.Item
              name={f('numerator')}
              label={label('numerator')}
              rules={[{ required: true }]}
            >
              <Select options={elementOptions} showSearch optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name={f('denominator')}
              label={label('denominator')}
              rules={[{ required: true }]}
            >
              <Select options={elementOptions} showSearch optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name={f('scale')} label={label('scale')} initialValue={100}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : measureType === 'computed' ? (
        <Form.Item name={f('computed')} label={label('computed')} rules={[{ required: true }]}>
          <Select options={computedOptions} />
        </Form.Item>
      ) : (
        <Form.Item name={f('element')} label={label('element')} rules={[{ required: true }]}>
          <Select
            options={elementOptions}
            showSearch
            optionFilterProp="label"
            data-testid="matter-element"
          />
        </Form.Item>
      )}
      <Row gutter={8}>
        <Col span={4}>
          <Form.Item name={f('comparator')} label={label('comparator')}>
            <Select options={COMPARATORS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name={f('value')} label={label('value')} rules={[{ required: true }]}>
            <InputNumber style={{ width: '100%' }} data-testid="matter-target-value" />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item name={f('band')} label={label('band')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item name={f('unit')} label={label('unit')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={f('kind')} label={label('kind')}>
            <Select
              options={KINDS.map((k) => ({
                value: k,
                label: t(`practicalMatters.form.kinds.${k}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={f('deadline')} label={label('deadline')} rules={[{ required: true }]}>
            <Input placeholder="2026-12-31" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={f('text')} label={label('text')} style={{ marginBottom: 0 }}>
        <Input />
      </Form.Item>
    </Card>
  );
}
