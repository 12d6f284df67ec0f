// Adding or changing a service area. The server checks everything (same rules as the import)
// and its Chinese message is shown as it is.
import type { FieldKey } from './i18nKeys';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useOrgUnits } from '../../api/orgUnits';
import { useSaveServiceArea, type AreaInput, type ServiceArea } from '../../api/serviceAreas';

const ROAD_CLASSES = ['expressway', 'national', 'other'] as const;
const STATUSES = ['existing', 'under-construction', 'new', 'upgraded'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Props {
  open: boolean;
  area: ServiceArea | null;
  onClose: (saved: boolean) => void;
}

export function AreaFormModal({ open, area, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AreaInput>();
  const save = useSaveServiceArea();
  const units = useOrgUnits();
  const cityCode = Form.useWatch('cityCode', form);
  const f = (key: FieldKey) => t(`serviceAreas.fields.${key}`);
  const required = [{ required: true, message: t('serviceAreas.form.required') }];
  const dateRule = { pattern: DATE, message: 'YYYY-MM-DD' };

  useEffect(() => {
    if (!open) return;
    save.reset();
    form.resetFields();
    if (area) form.setFieldsValue({ ...area, effectiveDate: undefined, reason: undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, area]);

  const cities = (units.data ?? []).filter((u) => u.level === 'city');
  const counties = (units.data ?? []).filter(
    (u) => u.level === 'county' && u.parentCode === cityCode,
  );

  const submit = async () => {
    const values = await form.validateFields();
    const input: AreaInput = {
      ...values,
      countyCode: values.countyCode || null,
      statusDate: values.statusDate || null,
      operator: values.operator ?? '',
      effectiveDate: values.effectiveDate || undefined,
      reason: values.reason || undefined,
    };
    await save.mutateAsync({ id: area?.id ?? null, input });
    onClose(true);
  };

  return (
    <Modal
      open={open}
      width={760}
      title={area ? t('serviceAreas.form.editTitle') : t('serviceAreas.form.createTitle')}
      onCancel={() => onClose(false)}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={save.isPending}
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
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roadClass: 'expressway', status: 'existing' }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={f('name')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="road" label={f('road')} rules={required}>
              <Input maxLength={100} placeholder="G15 沈海高速" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="roadClass" label={f('roadClass')} rules={required}>
              <Select
                options={ROAD_CLASSES.map((c) => ({
                  value: c,
                  label: t(`serviceAreas.roadClasses.${c}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="direction" label={f('direction')} rules={required}>
              <Input maxLength={40} placeholder="南行 / 北行 / 双侧" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="operator" label={f('operator')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cityCode" label={f('city')} rules={required}>
              <Select
                showSearch
                optionFilterProp="label"
                options={cities.map((c) => ({ value: c.code, label: c.name }))}
                onChange={() => form.setFieldValue('countyCode', null)}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="countyCode" label={f('county')}>
              <Select
                allowClear
                options={counties.map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="longitude" label={f('longitude')} rules={required}>
              <InputNumber style={{ width: '100%' }} step={0.0001} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="latitude" label={f('latitude')} rules={required}>
              <InputNumber style={{ width: '100%' }} step={0.0001} />
            </Form.Item>
          </Col>
          {(['parkingSpaces', 'chargingSpaces', 'chargerCount', 'chargerPowerKw'] as const).map(
            (k) => (
              <Col span={6} key={k}>
                <Form.Item name={k} label={f(k)} rules={required}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ),
          )}
          <Col span={8}>
            <Form.Item name="status" label={f('status')} rules={required}>
              <Select
                options={STATUSES.map((s) => ({
                  value: s,
                  label: t(`serviceAreas.statuses.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="statusDate" label={f('statusDate')} rules={[dateRule]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="effectiveDate"
              label={f('effectiveDate')}
              tooltip={t('serviceAreas.form.effectiveHint')}
              rules={[dateRule]}
            >
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="reason" label={f('reason')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
