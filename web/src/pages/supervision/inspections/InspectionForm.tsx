// Recording a visit: place, city/county, date, inspectors, summary, photos, and any number of
// findings (each with its responsible unit and deadline) that become rectification items.
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Upload,
  type UploadFile,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useOrgUnits } from '../../../api/orgUnits';
import { usePlan } from '../../../api/plan';
import { useRecordInspection, type InspectionInput } from '../../../api/supervision';

const LEVELS = ['general', 'key', 'listed'] as const;
type Values = Omit<InspectionInput, 'photos'>;

export function InspectionForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordInspection();
  const units = useOrgUnits();
  const plan = usePlan();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const cityCode = Form.useWatch('cityCode', form);
  const required = [{ required: true, message: t('inspections.required') }];

  useEffect(() => {
    if (!open) return;
    record.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const all = units.data ?? [];
  const cities = all
    .filter((u) => u.level === 'city')
    .map((u) => ({ value: u.code, label: u.name }));
  const counties = all
    .filter((u) => u.level === 'county' && u.parentCode === cityCode)
    .map((u) => ({ value: u.code, label: u.name }));
  const owners = all
    .filter((u) => u.level !== 'province')
    .map((u) => ({ value: u.code, label: u.name }));
  const domains = (plan.data?.plan.domains ?? []).map((d) => ({ value: d.code, label: d.name }));

  const submit = async () => {
    const values = await form.validateFields();
    const saved = await record.mutateAsync({
      ...values,
      findings: values.findings ?? [],
      photos: photos.map((p) => p.originFileObj).filter((f): f is NonNullable<typeof f> => !!f),
    });
    void message.success(t('inspections.saved', { count: saved.items.length }));
    close();
  };

  const close = () => {
    setPhotos([]);
    onClose();
  };

  return (
    <Modal
      open={open}
      width={860}
      title={t('inspections.record')}
      okText={t('inspections.submit')}
      confirmLoading={record.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      {record.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(record.error)}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ findings: [{ level: 'general' }] }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="place" label={t('inspections.fields.place')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="cityCode" label={t('inspections.fields.city')} rules={required}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={cities}
                aria-label={t('inspections.fields.city')}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="countyCode" label={t('inspections.fields.county')}>
              <Select allowClear options={counties} aria-label={t('inspections.fields.county')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="visitedOn" label={t('inspections.fields.visitedOn')} rules={required}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="inspectors"
              label={t('inspections.fields.inspectors')}
              rules={required}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="domainCode" label={t('inspections.fields.domain')}>
              <Select allowClear options={domains} aria-label={t('inspections.fields.domain')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={t('inspections.fields.summary')} rules={required}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item label={t('inspections.fields.photos')}>
          <Upload
            multiple
            accept="image/*"
            listType="picture"
            fileList={photos}
            beforeUpload={() => false}
            onChange={({ fileList }) => setPhotos(fileList.slice(0, 10))}
          >
            <Button icon={<UploadOutlined />}>{t('inspections.fields.choose')}</Button>
          </Upload>
        </Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <>
              <div style={{ marginBottom: 8, fontWeight: 500 }}>
                {t('inspections.findings.title')}
              </div>
              {fields.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top" data-testid="finding-row">
                  <Col span={9}>
                    <Form.Item name={[name, 'text']} rules={required}>
                      <Input.TextArea
                        rows={1}
                        placeholder={t('inspections.findings.text')}
                        aria-label={t('inspections.findings.text')}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[name, 'ownerUnitCode']} rules={required}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={owners}
                        placeholder={t('inspections.findings.owner')}
                        aria-label={t('inspections.findings.owner')}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[name, 'deadline']} rules={required}>
                      <Input type="date" aria-label={t('inspections.findings.deadline')} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[name, 'level']}>
                      <Select
                        aria-label={t('inspections.findings.level')}
                        options={LEVELS.map((l) => ({
                          value: l,
                          label: t(`supervisionBoard.levels.${l}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button
                      type="text"
                      aria-label={t('inspections.findings.remove')}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ level: 'general' })}
              >
                {t('inspections.findings.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
