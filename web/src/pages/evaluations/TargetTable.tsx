// The frozen targets with their assessments: filters by domain, status and assessed or not;
// an 评估 button on the rows the caller may assess while the evaluation is a draft.
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, EvaluationDetail, EvaluationTarget } from '../../api/evaluations';
import { AssessModal } from './AssessModal';
import { figure } from './format';

const STATUS_TAG = {
  achieved: 'green',
  on_track: 'cyan',
  at_risk: 'gold',
  off_track: 'red',
  no_data: 'default',
} as const;

interface Props {
  evaluation: EvaluationDetail;
}

export function TargetTable({ evaluation: e }: Props) {
  const { t } = useTranslation();
  const s = e.snapshot;
  const [domain, setDomain] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [assessed, setAssessed] = useState<'yes' | 'no' | null>(null);
  const [editing, setEditing] = useState<EvaluationTarget | null>(null);
  const byCode = useMemo(
    () => new Map(e.assessments.map((a) => [a.targetCode, a] as const)),
    [e.assessments],
  );
  const may = new Set(e.assessableDomains);
  const rows = s.targets.filter(
    (x) =>
      (!domain || x.domainCode === domain) &&
      (!status || x.status === status) &&
      (!assessed || byCode.has(x.code) === (assessed === 'yes')),
  );

  const assessment = (a: AssessmentView | undefined, unit: string) =>
    a ? (
      <Space orientation="vertical" size={0}>
        <span>
          <Tag color={a.action === 'keep' ? 'blue' : 'purple'}>
            {t(`evaluations.actions.${a.action}`)}
          </Tag>
          {a.proposedValue !== null && figure(a.proposedValue, unit)}
        </span>
        <Typography.Text style={{ fontSize: 12 }}>{a.text}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {a.assessedBy}
        </Typography.Text>
      </Space>
    ) : (
      <Tag>{t('evaluations.unassessed')}</Tag>
    );

  const columns: ColumnsType<EvaluationTarget> = [
    { title: t('evaluations.targetColumns.code'), dataIndex: 'code', width: 80 },
    { title: t('evaluations.targetColumns.indicator'), dataIndex: 'indicator', width: 200 },
    {
      title: t('evaluations.targetColumns.value'),
      width: 110,
      render: (_, x) => figure(x.value, x.unit),
    },
    {
      title: t('evaluations.targetColumns.target'),
      width: 110,
      render: (_, x) => `${x.comparator} ${figure(x.target, x.unit)}`,
    },
    {
      title: t('evaluations.targetColumns.status'),
      dataIndex: 'status',
      width: 110,
      render: (st: EvaluationTarget['status']) => (
        <Tag color={STATUS_TAG[st]}>{t(`evaluations.targetStatus.${st}`)}</Tag>
      ),
    },
    {
      title: t('evaluations.targetColumns.forecast'),
      width: 110,
      render: (_, x) => figure(x.forecast, x.unit),
    },
    {
      title: t('evaluations.targetColumns.reason'),
      dataIndex: 'reason',
      render: (r: string) => <Typography.Text style={{ fontSize: 12 }}>{r}</Typography.Text>,
    },
    {
      title: t('evaluations.targetColumns.assessment'),
      width: 240,
      render: (_, x) => assessment(byCode.get(x.code), x.unit),
    },
  ];
  if (e.assessableDomains.length)
    columns.push({
      title: t('evaluations.targetColumns.edit'),
      width: 70,
      render: (_, x) =>
        may.has(x.domainCode) && (
          <Button size="small" onClick={() => setEditing(x)} aria-label={`assess ${x.code}`}>
            {t('evaluations.targetColumns.edit')}
          </Button>
        ),
    });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('evaluations.view.filterDomain')}
          value={domain}
          onChange={(v) => setDomain(v ?? null)}
          options={s.domains.map((d) => ({ value: d.code, label: `${d.number}. ${d.name}` }))}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('evaluations.view.filterStatus')}
          value={status}
          onChange={(v) => setStatus(v ?? null)}
          options={(Object.keys(STATUS_TAG) as Array<keyof typeof STATUS_TAG>).map((st) => ({
            value: st,
            label: t(`evaluations.targetStatus.${st}`),
          }))}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('evaluations.view.filterAssessed')}
          value={assessed}
          onChange={(v) => setAssessed(v ?? null)}
          options={[
            { value: 'no', label: t('evaluations.view.onlyUnassessed') },
            { value: 'yes', label: t('evaluations.view.onlyAssessed') },
          ]}
        />
      </Space>
      <Table
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1100 }}
      />
      <AssessModal
        evaluationId={e.id}
        target={editing}
        current={editing ? byCode.get(editing.code) : undefined}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}
