// The ledger item form: task (grouped by domain; a department sees its own domains' tasks),
// title, description, owner and cooperating units, city, dates, budget, targets of the chosen
// task, and milestones as rows. The rules catch the obvious; the server decides.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/auth';
import { useOrgUnits } from '../../../api/orgUnits';
import { usePlan } from '../../../api/plan';
import { insideWindow, type LedgerFormValues } from './ledgerFormModel';

export type LedgerFormInstance = FormInstance<LedgerFormValues>;

interface Props {
  /** The item's current values when editing; undefined for a new item. */
  initial?: LedgerFormValues;
  saving: boolean;
  onSubmit: (values: LedgerFormValues, form: LedgerFormInstance) => void;
  onCancel: () => void;
}

/** Options of the task select, grouped by domain, limited to a department's own domains. */
function useTaskOptions() {
  const plan = usePlan();
  const session = useSession();
  const user = session.data?.user;
  return useMemo(() => {
    const domains = plan.data?.plan.domains ?? [];
    const own =
      user?.role === 'department'
        ? domains.filter((d) => user.unitCode !== null && d.leadUnits.includes(user.unitCode))
        : domains;
    return {
      groups: own.map((d) => ({
        label: `${d.number}. ${d.name}`,
        title: d.name,
        options: d.tasks.map((task) => ({
          value: task.number,
          label: `${task.number}. ${task.title}`,
        })),
      })),
      targetsOf: (n: number | undefined) =>
        domains.flatMap((d) => d.tasks).find((task) => task.number === n)?.targets ?? [],
    };
  }, [plan.data, user]);
}

/** Owner and cooperating units: the plan's departments, the cities, then the counties. */
function useUnitOptions() {
  const { t } = useTranslation();
  const plan = usePlan();
  const units = useOrgUnits();
  return useMemo(() => {
    const all = units.data ?? [];
    const names = new Map(all.map((u) => [u.code, u.name]));
    const cities = all.filter((u) => u.level === 'city');
    const counties = all.filter((u) => u.level === 'county');
    const departments = plan.data?.plan.units ?? [];
    return {
      cities: cities.map((c) => ({ value: c.code, label: c.name })),
      grouped: [
        {
          label: t('ledgers.editor.departments'),
          title: 'departments',
          options: departments.map((d) => ({ value: d.code, label: d.name })),
        },
        {
          label: t('ledgers.editor.cities'),
          title: 'cities',
          options: cities.map((c) => ({ value: c.code, label: c.name })),
        },
        {
          label: t('ledgers.editor.counties'),
          title: 'counties',
          options: counties.map((c) => ({
            value: c.code,
            label: `${names.get(c.parentCode ?? '') ?? ''}${c.name}`,
          })),
        },
      ],
    };
  }, [plan.data, units.data, t]);
}

export function LedgerForm({ initial, saving, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LedgerFormValues>();
  const session = useSession();
  const tasks = useTaskOptions();
  const units = useUnitOptions();
  const taskNumber = Form.useWatch('taskNumber', form);
  const targets = tasks.targetsOf(taskNumber);
  const required: FormRule[] = [
    { required: true, whitespace: true, message: t('ledgers.editor.required') },
  ];
  const defaults: LedgerFormValues = initial ?? {
    ownerUnitCode:
      session.data?.user.role === 'department'
        ? (session.data.user.unitCode ?? undefined)
        : undefined,
    cooperatingUnits: [],
    targetCodes: [],
    milestones: [],
  };

  // Due on or after the start (the server checks again).
  const dueRule: FormRule = ({ getFieldValue }) => ({
    validator: (_, value?: string) => {
      const start = getFieldValue('startDate') as string | undefined;
      if (value && start && value < start)
        return Promise.reject(new Error(t('ledgers.editor.dueBeforeStart', { start })));
      return Promise.resolve();
    },
  });
  // A milestone falls inside the item's window.
  const milestoneRule: FormRule = ({ getFieldValue }) => ({
    validator: (_, value?: string) => {
      const start = getFieldValue('startDate') as string | undefined;
      const due = getFieldValue('dueDate') as string | undefined;
      if (value && !insideWindow(value, start, due))
        return Promise.reject(
          new Error(t('ledgers.editor.outsideWindow', { start: start ?? '…', due: due ?? '…' })),
        );
      return Promise.resolve();
    },
  });

  return (
    <Form<LedgerFormValues>
      form={form}
      layout="vertical"
      initialValues={defaults}
      onFinish={(v) => onSubmit(v, form)}
      onValuesChange={(changed: LedgerFormValues) => {
        // Targets belong to a task: drop those the newly chosen task does not have.
        if ('taskNumber' in changed) {
          const known = new Set(tasks.targetsOf(changed.taskNumber).map((x) => x.code));
          const kept = (form.getFieldValue('targetCodes') as string[] | undefined) ?? [];
          form.setFieldValue(
            'targetCodes',
            kept.filter((c) => known.has(c)),
          );
        }
      }}
      data-testid="ledger-editor"
      scrollToFirstError
    >
      <Form.Item
        name="taskNumber"
        label={t('ledgers.editor.task')}
        rules={[{ required: true, message: t('ledgers.editor.required') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={tasks.groups}
          placeholder={t('ledgers.editor.taskPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="title" label={t('ledgers.column.title')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('ledgers.detail.description')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="ownerUnitCode" label={t('ledgers.column.owner')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={units.grouped} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="cityCode" label={t('ledgers.editor.city')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={units.cities}
              placeholder={t('ledgers.editor.cityPlaceholder')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="cooperatingUnits" label={t('ledgers.detail.cooperating')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={units.grouped}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="startDate" label={t('ledgers.editor.startDate')} rules={required}>
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="dueDate"
            label={t('ledgers.editor.dueDate')}
            dependencies={['startDate']}
            rules={[...required, dueRule]}
          >
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="budget" label={t('ledgers.detail.budget')}>
            <InputNumber min={0} step={10} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="targetCodes"
        label={t('ledgers.detail.targets')}
        extra={
          taskNumber === undefined
            ? t('ledgers.editor.targetsHint')
            : targets.length === 0
              ? t('ledgers.editor.noTargets')
              : undefined
        }
      >
        <Select
          mode="multiple"
          allowClear
          disabled={taskNumber === undefined || targets.length === 0}
          optionFilterProp="label"
          options={targets.map((x) => ({ value: x.code, label: `${x.code} ${x.indicator}` }))}
        />
      </Form.Item>

      <Typography.Text strong>{t('ledgers.detail.milestones')}</Typography.Text>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <div data-testid="ledger-editor-milestones" style={{ marginTop: 8 }}>
            {fields.map((field, i) => (
              <Row key={field.key} gutter={8} align="top">
                <Form.Item name={[field.name, 'id']} hidden>
                  <Input />
                </Form.Item>
                <Col span={8}>
                  <Form.Item name={[field.name, 'title']} rules={required}>
                    <Input
                      maxLength={200}
                      placeholder={t('ledgers.editor.milestoneTitle')}
                      aria-label={t('ledgers.editor.milestoneTitleN', { n: i + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item
                    name={[field.name, 'dueDate']}
                    dependencies={['startDate', 'dueDate']}
                    rules={[...required, milestoneRule]}
                  >
                    <Input
                      type="date"
                      aria-label={t('ledgers.editor.milestoneDueN', { n: i + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name={[field.name, 'definitionOfDone']} rules={required}>
                    <Input
                      maxLength={1000}
                      placeholder={t('ledgers.editor.definitionOfDone')}
                      aria-label={t('ledgers.editor.definitionOfDoneN', { n: i + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('ledgers.editor.removeMilestoneN', { n: i + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
              {t('ledgers.editor.addMilestone')}
            </Button>
          </div>
        )}
      </Form.List>

      <Space style={{ marginTop: 24, width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('ledgers.editor.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('ledgers.editor.save')}
        </Button>
      </Space>
    </Form>
  );
}
