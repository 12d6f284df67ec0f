// 满意度指数 on the dashboard: the Guangdong map coloured by each city's index for one survey,
// wave and domain (issue 6), with n, the 95% CI and “样本不足” in the tooltip and table view.
import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCityIndex, useSurveys, type IndexCell, type Survey } from '../../api/surveys';
import { ChartCard } from './ChartCard';
import { formatNumber } from './format';
import { satisfactionMapOption } from './options';

const OVERALL = 'ALL';

interface Props {
  /** Plan domains by code (D01 → 就业民生工程), for the domain choice. */
  domainNames: Map<string, string>;
  geoReady: boolean;
  dark: boolean;
}

/** The survey's domains: those its Likert items are tagged with, after the overall index. */
function surveyDomains(survey: Survey | undefined): string[] {
  const codes = new Set<string>();
  for (const q of survey?.questions ?? []) if (q.type === 'likert') codes.add(q.domainCode);
  return [OVERALL, ...[...codes].sort()];
}

/** The latest wave (waves come oldest first) that has answers, else the latest wave. */
function defaultWave(survey: Survey | undefined): string | null {
  const waves = survey?.waves ?? [];
  return ([...waves].reverse().find((w) => w.responses > 0) ?? waves.at(-1))?.code ?? null;
}

export function SatisfactionPanel({ domainNames, geoReady, dark }: Props) {
  const { t } = useTranslation();
  const surveys = useSurveys();
  const list = surveys.data?.surveys ?? [];
  const [choice, setChoice] = useState<{ survey?: number; wave?: string; domain?: string }>({});
  const survey =
    list.find((s) => s.id === choice.survey) ??
    // The list is newest first: the newest survey that has answers.
    list.find((s) => s.waves.some((w) => w.responses > 0)) ??
    list[0];
  const wave =
    choice.wave && survey?.waves.some((w) => w.code === choice.wave)
      ? choice.wave
      : defaultWave(survey);
  const domains = surveyDomains(survey);
  const domain = choice.domain && domains.includes(choice.domain) ? choice.domain : OVERALL;
  const index = useCityIndex(survey?.id ?? null, wave, domain);
  const domainName = (code: string) =>
    code === OVERALL ? t('analyticsPage.satisfaction.overall') : (domainNames.get(code) ?? code);

  const cells = index.data?.cells ?? [];
  // A survey without waves has nothing to ask for: an empty map, not the previous one.
  const nothingToShow = wave === null || (index.data !== undefined && cells.length === 0);
  const minN = index.data?.minN ?? survey?.minN ?? 0;
  const statusText = (c: IndexCell) =>
    c.status === 'ok'
      ? t('analyticsPage.satisfaction.ok')
      : t('analyticsPage.satisfaction.insufficient');
  const sorted = [...cells].sort((a, b) => (b.index ?? -1) - (a.index ?? -1));
  const title =
    `${survey?.title ?? ''} ${wave ?? ''} ${domainName(domain)} ${t('analyticsPage.satisfaction.title')}`.trim();

  const toolbar = (
    <Space wrap style={{ marginBottom: 8 }} data-testid="satisfaction-choice">
      <Select
        aria-label={t('analyticsPage.satisfaction.survey')}
        placeholder={t('analyticsPage.satisfaction.survey')}
        style={{ minWidth: 240 }}
        value={survey?.id}
        loading={surveys.isPending}
        onChange={(id: number) => setChoice({ survey: id })}
        options={list.map((s) => ({ value: s.id, label: s.title }))}
      />
      <Select
        aria-label={t('analyticsPage.satisfaction.wave')}
        style={{ width: 150 }}
        value={wave ?? undefined}
        onChange={(w: string) => setChoice((c) => ({ ...c, survey: survey?.id, wave: w }))}
        options={(survey?.waves ?? []).map((w) => ({
          value: w.code,
          label: `${w.code}（${w.responses}）`,
        }))}
      />
      <Select
        aria-label={t('analyticsPage.satisfaction.domain')}
        style={{ minWidth: 180 }}
        value={domain}
        onChange={(d: string) => setChoice((c) => ({ ...c, survey: survey?.id, domain: d }))}
        options={domains.map((d) => ({ value: d, label: domainName(d) }))}
      />
      <Typography.Text type="secondary">
        {list.length === 0 && !surveys.isPending
          ? t('analyticsPage.satisfaction.noSurveys')
          : nothingToShow
            ? t('analyticsPage.satisfaction.noAnswers')
            : t('analyticsPage.satisfaction.hint', { minN })}
      </Typography.Text>
    </Space>
  );

  return (
    <ChartCard
      title={t('analyticsPage.satisfaction.title')}
      testId="satisfaction-map"
      dark={dark}
      height={460}
      toolbar={toolbar}
      option={
        geoReady && (index.data || wave === null)
          ? satisfactionMapOption(cells, minN, {
              index: t('analyticsPage.satisfaction.index'),
              sampleSize: t('analyticsPage.satisfaction.n'),
              insufficient: t('analyticsPage.satisfaction.insufficient'),
              minN: t('analyticsPage.satisfaction.minN'),
            })
          : null
      }
      table={{
        title,
        columns: [
          t('analyticsPage.columns.unit'),
          t('analyticsPage.satisfaction.index'),
          t('analyticsPage.satisfaction.ci'),
          t('analyticsPage.satisfaction.n'),
          t('analyticsPage.columns.status'),
        ],
        rows: sorted.map((c) => [
          c.placeName,
          c.index,
          c.status === 'ok' ? `${formatNumber(c.ciLow)}–${formatNumber(c.ciHigh)}` : null,
          c.n,
          statusText(c),
        ]),
      }}
    />
  );
}
