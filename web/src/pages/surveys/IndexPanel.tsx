// The satisfaction index as a table: one row per place, one column per domain (and overall),
// each cell the index with its 95% CI, or 样本不足.
import { Alert, Button, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { usePlan } from '../../api/plan';
import {
  indexExportUrl,
  useSatisfactionIndex,
  useSurveys,
  type IndexCell,
} from '../../api/surveys';

const DOMAINS = ['ALL', 'D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D07', 'D08', 'D09', 'D10'];

interface Row {
  key: string;
  waveCode: string;
  placeName: string;
  cells: Map<string, IndexCell>;
}

function rowsOf(cells: IndexCell[]): Row[] {
  const rows = new Map<string, Row>();
  for (const c of cells) {
    const key = `${c.waveCode}|${c.placeCode}`;
    const row = rows.get(key) ?? {
      key,
      waveCode: c.waveCode,
      placeName: c.placeName,
      cells: new Map(),
    };
    row.cells.set(c.domainCode, c);
    rows.set(key, row);
  }
  return [...rows.values()];
}

export default function IndexPanel() {
  const { t } = useTranslation();
  const surveys = useSurveys();
  const [surveyId, setSurveyId] = useState<number | null>(null);
  const [wave, setWave] = useState<string | null>(null);
  const chosen = surveyId ?? surveys.data?.surveys[0]?.id ?? null;
  const survey = surveys.data?.surveys.find((s) => s.id === chosen);
  const index = useSatisfactionIndex(chosen, wave);
  const plan = usePlan();
  const domainName = (code: string) =>
    plan.data?.plan.domains.find((d) => d.code === code)?.name.replace(/领域民生工程$/, '');
  const used = new Set(index.data?.cells.map((c) => c.domainCode));
  const domains = DOMAINS.filter((d) => used.has(d));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('satisfactionPage.survey')}
          style={{ minWidth: 260 }}
          value={chosen ?? undefined}
          placeholder={t('satisfactionPage.survey')}
          options={surveys.data?.surveys.map((s) => ({ value: s.id, label: s.title }))}
          onChange={(v: number) => {
            setSurveyId(v);
            setWave(null);
          }}
        />
        <Select
          aria-label={t('satisfactionPage.wave')}
          style={{ minWidth: 160 }}
          value={wave ?? ''}
          options={[
            { value: '', label: t('satisfactionPage.allWaves') },
            ...(survey?.waves.map((w) => ({ value: w.code, label: w.code })) ?? []),
          ]}
          onChange={(v: string) => setWave(v || null)}
        />
        {chosen !== null && (
          <Button href={indexExportUrl(chosen, wave)}>{t('satisfactionPage.exportIndex')}</Button>
        )}
      </Space>
      {index.error && <Alert type="error" message={errorMessage(index.error)} />}
      <Typography.Text type="secondary">
        {t('satisfactionPage.indexHint', { minN: index.data?.minN ?? '' })}
      </Typography.Text>
      <Table<Row>
        size="small"
        loading={index.isLoading}
        rowKey="key"
        dataSource={rowsOf(index.data?.cells ?? [])}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('satisfactionPage.noResponses') }}
        columns={[
          { title: t('satisfactionPage.wave'), dataIndex: 'waveCode', width: 90 },
          { title: t('satisfactionPage.place'), dataIndex: 'placeName', width: 110 },
          ...domains.map((d) => ({
            title: d === 'ALL' ? t('satisfactionPage.overall') : `${d} ${domainName(d) ?? ''}`,
            key: d,
            render: (_: unknown, row: Row) => {
              const c = row.cells.get(d);
              if (!c) return '—';
              if (c.status === 'insufficient')
                return (
                  <Tooltip title={`n = ${c.n}`}>
                    <Tag>样本不足</Tag>
                  </Tooltip>
                );
              return (
                <span data-testid={`index-${row.placeName}-${d}`}>
                  <strong>{c.index}</strong>{' '}
                  <Typography.Text type="secondary">
                    ({c.ciLow}–{c.ciHigh}) n={c.n}
                  </Typography.Text>
                </span>
              );
            },
          })),
        ]}
      />
    </Space>
  );
}
