// The gap plan per city and year with its what-if parameters, and the Excel export of exactly
// what is shown.
import type { PlanKey } from './i18nKeys';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, InputNumber, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  gapPlanXlsxUrl,
  useGapPlan,
  type GapPlan,
  type GapPlanParams,
  type Spread,
} from '../../api/serviceAreas';

const PLAN_END = 2027;

export function defaultPlanParams(now = new Date()): GapPlanParams {
  return {
    expressway: 15,
    national: 10,
    fromYear: Math.min(now.getFullYear(), PLAN_END),
    toYear: PLAN_END,
    spread: 'even',
  };
}

type Row = GapPlan['rows'][number];

export function GapPlanPanel() {
  const { t } = useTranslation();
  const [params, setParams] = useState<GapPlanParams>(() => defaultPlanParams());
  const plan = useGapPlan(params);
  const p = (key: PlanKey, options?: Record<string, unknown>) =>
    t(`serviceAreas.plan.${key}`, options);
  const set = (patch: Partial<GapPlanParams>) => setParams((old) => ({ ...old, ...patch }));
  const years = plan.data?.years ?? [];

  return (
    <Card title={p('title')}>
      <Typography.Paragraph type="secondary">{p('hint')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={p('expressway')}>
          <InputNumber
            aria-label={p('expressway')}
            min={0}
            max={100}
            step={0.5}
            value={params.expressway}
            onChange={(v) => v !== null && set({ expressway: v })}
          />
        </Form.Item>
        <Form.Item label={p('national')}>
          <InputNumber
            aria-label={p('national')}
            min={0}
            max={100}
            step={0.5}
            value={params.national}
            onChange={(v) => v !== null && set({ national: v })}
          />
        </Form.Item>
        <Form.Item label={p('fromYear')}>
          <InputNumber
            aria-label={p('fromYear')}
            min={2023}
            max={2100}
            value={params.fromYear}
            onChange={(v) => v !== null && set({ fromYear: v })}
          />
        </Form.Item>
        <Form.Item label={p('toYear')}>
          <InputNumber
            aria-label={p('toYear')}
            min={2023}
            max={2100}
            value={params.toYear}
            onChange={(v) => v !== null && set({ toYear: v })}
          />
        </Form.Item>
        <Form.Item label={p('spread')}>
          <Segmented<Spread>
            value={params.spread}
            onChange={(spread) => set({ spread })}
            options={[
              { value: 'even', label: p('even') },
              { value: 'front-loaded', label: p('frontLoaded') },
            ]}
          />
        </Form.Item>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={gapPlanXlsxUrl(params)}
            disabled={plan.isError}
            download
          >
            {p('export')}
          </Button>
        </Space>
      </Form>
      {plan.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(plan.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<Row>
        size="small"
        rowKey="key"
        loading={plan.isFetching}
        pagination={false}
        dataSource={plan.data?.rows ?? []}
        data-testid="service-area-gap-plan"
        scroll={{ x: 800 }}
        columns={[
          { title: p('city'), dataIndex: 'cityName', fixed: 'left' },
          { title: p('expresswayGap'), dataIndex: 'expresswayGap', align: 'right' },
          { title: p('nationalGap'), dataIndex: 'nationalGap', align: 'right' },
          {
            title: p('gap'),
            dataIndex: 'gap',
            align: 'right',
            render: (g: number) => <strong>{g}</strong>,
          },
          ...years.map((year, i) => ({
            title: p('year', { year }),
            key: String(year),
            align: 'right' as const,
            render: (_: unknown, row: Row) => row.perYear[i],
          })),
        ]}
        summary={() =>
          plan.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{p('total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {plan.data.rows.reduce((s, r) => s + r.expresswayGap, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {plan.data.rows.reduce((s, r) => s + r.nationalGap, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <strong>{plan.data.total}</strong>
              </Table.Summary.Cell>
              {plan.data.totals.map((v, i) => (
                <Table.Summary.Cell key={i} index={4 + i} align="right">
                  {v}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
