// One survey's waves (create with open/close dates) and its public links with QR codes per
// city and county, plus response exports per wave.
import { Alert, Button, Form, Image, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  createWave,
  qrUrl,
  responsesExportUrl,
  useSurveyLinks,
  type Survey,
  type Wave,
} from '../../api/surveys';

const stateColor = { open: 'green', scheduled: 'blue', closed: 'default' } as const;

/** A date input (YYYY-MM-DD) as Beijing midnight. */
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export default function WavesAndLinks({
  survey,
  canManage,
  onChanged,
}: {
  survey: Survey;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const links = useSurveyLinks(survey.id);
  const [city, setCity] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cities = links.data?.links.filter((l) => l.level === 'city') ?? [];
  const shown =
    links.data?.links.filter((l) => (city ? l.cityCode === city : l.level === 'city')) ?? [];

  const addWave = async (v: { code: string; opens: string; closes: string }) => {
    setError(null);
    try {
      await createWave(survey.id, {
        code: v.code,
        opensAt: beijingMidnight(v.opens),
        closesAt: beijingMidnight(v.closes),
      });
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{t('satisfactionPage.waves')}</Typography.Title>
      <Table<Wave>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={survey.waves}
        locale={{ emptyText: t('satisfactionPage.noWaves') }}
        columns={[
          { title: t('satisfactionPage.wave'), dataIndex: 'code' },
          {
            title: t('satisfactionPage.opens'),
            dataIndex: 'opensAt',
            render: (v: string) => new Date(v).toLocaleString('zh-CN'),
          },
          {
            title: t('satisfactionPage.closes'),
            dataIndex: 'closesAt',
            render: (v: string) => new Date(v).toLocaleString('zh-CN'),
          },
          { title: t('satisfactionPage.responses'), dataIndex: 'responses' },
          {
            title: t('satisfactionPage.state'),
            dataIndex: 'state',
            render: (s: Wave['state']) => (
              <Tag color={stateColor[s]}>{t(`satisfactionPage.states.${s}`)}</Tag>
            ),
          },
          {
            title: t('satisfactionPage.export'),
            key: 'export',
            render: (_: unknown, w: Wave) => (
              <Space>
                <a href={responsesExportUrl(survey.id, w.code, 'csv')}>CSV</a>
                <a href={responsesExportUrl(survey.id, w.code, 'xlsx')}>XLSX</a>
              </Space>
            ),
          },
        ]}
      />
      {canManage && (
        <Form
          layout="inline"
          onFinish={(v: { code: string; opens: string; closes: string }) => void addWave(v)}
        >
          <Form.Item
            name="code"
            rules={[{ required: true, message: t('satisfactionPage.required') }]}
          >
            <Input
              placeholder="2025Q3"
              aria-label={t('satisfactionPage.wave')}
              style={{ width: 100 }}
            />
          </Form.Item>
          <Form.Item
            name="opens"
            label={t('satisfactionPage.opens')}
            rules={[{ required: true, message: t('satisfactionPage.required') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="closes"
            label={t('satisfactionPage.closes')}
            rules={[{ required: true, message: t('satisfactionPage.required') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Button htmlType="submit">{t('satisfactionPage.addWave')}</Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Typography.Title level={5}>{t('satisfactionPage.links')}</Typography.Title>
      <Select
        allowClear
        aria-label={t('satisfactionPage.countiesOf')}
        placeholder={t('satisfactionPage.countiesOf')}
        style={{ width: 220 }}
        value={city ?? undefined}
        onChange={(v?: string) => setCity(v ?? null)}
        options={cities.map((c) => ({ value: c.cityCode, label: c.placeName }))}
      />
      <Table
        size="small"
        rowKey="placeCode"
        loading={links.isLoading}
        dataSource={shown}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('satisfactionPage.place'), dataIndex: 'placeName', width: 120 },
          {
            title: t('satisfactionPage.link'),
            dataIndex: 'url',
            render: (url: string) => (
              <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all' }}>
                <a href={url} target="_blank" rel="noreferrer">
                  {url}
                </a>
              </Typography.Text>
            ),
          },
          {
            title: t('satisfactionPage.qr'),
            key: 'qr',
            width: 140,
            render: (_: unknown, l: { placeCode: string; placeName: string }) => (
              <Space direction="vertical" size={2}>
                <Image
                  width={64}
                  src={qrUrl(survey.id, l.placeCode)}
                  alt={`${l.placeName} ${t('satisfactionPage.qr')}`}
                />
                <a href={qrUrl(survey.id, l.placeCode, 'png')} download>
                  PNG
                </a>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
