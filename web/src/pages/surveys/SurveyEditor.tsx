// The survey builder: title, minimum n, and questions (Likert tagged with a plan domain,
// single/multiple choice, short text) with required flags and a simple skip condition.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { createSurvey, updateSurvey, type Survey } from '../../api/surveys';
import { toQuestion, toRow, type QuestionRow } from './questionForm';

const DOMAINS = ['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D07', 'D08', 'D09', 'D10'];

interface Values {
  title: string;
  description?: string;
  minN: number;
  questions: QuestionRow[];
}

export default function SurveyEditor({
  survey,
  open,
  onClose,
  onSaved,
}: {
  survey: Survey | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const initial: Values = survey
    ? {
        title: survey.title,
        description: survey.description,
        minN: survey.minN,
        questions: survey.questions.map(toRow),
      }
    : {
        title: '',
        minN: 30,
        questions: [
          {
            id: 'q1',
            type: 'likert',
            text: '',
            required: true,
            scale: '1-5',
            domainCode: 'D01',
            weight: 1,
          },
        ],
      };

  const save = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const input = { ...values, questions: values.questions.map(toQuestion) };
      if (survey) await updateSurvey(survey.id, input);
      else await createSurvey(input);
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={720}
      destroyOnHidden
      title={survey ? t('satisfactionPage.editSurvey') : t('satisfactionPage.newSurvey')}
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          {t('satisfactionPage.save')}
        </Button>
      }
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Form.Item
          name="title"
          label={t('satisfactionPage.surveyTitle')}
          rules={[{ required: true, message: t('satisfactionPage.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('satisfactionPage.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="minN" label={t('satisfactionPage.minN')}>
          <InputNumber min={2} max={100000} />
        </Form.Item>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${t('satisfactionPage.question')} ${i + 1}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      aria-label={t('satisfactionPage.removeQuestion')}
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Space wrap align="start">
                    <Form.Item
                      name={[field.name, 'id']}
                      label={t('satisfactionPage.questionId')}
                      rules={[{ required: true }]}
                    >
                      <Input style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'type']}
                      label={t('satisfactionPage.questionType')}
                    >
                      <Select
                        style={{ width: 130 }}
                        options={(['likert', 'single', 'multiple', 'text'] as const).map((v) => ({
                          value: v,
                          label: t(`satisfactionPage.types.${v}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'required']}
                      label={t('satisfactionPage.requiredFlag')}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                  </Space>
                  <Form.Item
                    name={[field.name, 'text']}
                    label={t('satisfactionPage.questionText')}
                    rules={[{ required: true, message: t('satisfactionPage.required') }]}
                  >
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue([
                        'questions',
                        field.name,
                        'type',
                      ]) as QuestionRow['type'];
                      if (type === 'likert')
                        return (
                          <Space wrap>
                            <Form.Item
                              name={[field.name, 'scale']}
                              label={t('satisfactionPage.scale')}
                            >
                              <Select
                                style={{ width: 100 }}
                                options={[
                                  { value: '1-5', label: '1–5' },
                                  { value: '0-10', label: '0–10' },
                                ]}
                              />
                            </Form.Item>
                            <Form.Item
                              name={[field.name, 'domainCode']}
                              label={t('satisfactionPage.domain')}
                            >
                              <Select
                                style={{ width: 100 }}
                                options={DOMAINS.map((d) => ({ value: d, label: d }))}
                              />
                            </Form.Item>
                            <Form.Item
                              name={[field.name, 'weight']}
                              label={t('satisfactionPage.weight')}
                            >
                              <InputNumber min={0.1} max={100} step={0.5} />
                            </Form.Item>
                          </Space>
                        );
                      if (type === 'single' || type === 'multiple')
                        return (
                          <Form.Item
                            name={[field.name, 'optionsText']}
                            label={t('satisfactionPage.options')}
                          >
                            <Input.TextArea rows={3} />
                          </Form.Item>
                        );
                      return (
                        <Form.Item name={[field.name, 'personal']} valuePropName="checked">
                          <Checkbox>{t('satisfactionPage.personal')}</Checkbox>
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                  <Space wrap>
                    <Form.Item
                      name={[field.name, 'showIfQuestion']}
                      label={t('satisfactionPage.showIf')}
                    >
                      <Input
                        style={{ width: 120 }}
                        placeholder={t('satisfactionPage.showIfQuestion')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'showIfValues']}
                      label={t('satisfactionPage.showIfValues')}
                    >
                      <Input style={{ width: 180 }} placeholder="o1,o2" />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    id: `q${fields.length + 1}`,
                    type: 'likert',
                    text: '',
                    required: true,
                    scale: '1-5',
                    domainCode: 'D01',
                    weight: 1,
                  })
                }
              >
                {t('satisfactionPage.addQuestion')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
