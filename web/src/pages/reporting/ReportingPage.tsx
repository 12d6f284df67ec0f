// 数据报送: pick form, unit (within the user's scope) and period, then enter, submit or review;
// reviewers also get their inbox. The choice lives in the URL (?form=&unit=&period=&tab=).
import { Card, Empty, Flex, Select, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/auth';
import { useOrgUnits } from '../../api/orgUnits';
import { useForms, type ReportForm, type SubmissionKey } from '../../api/reporting';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { defaultPeriod, periodLabel, recentPeriods, unitChoices } from './choices';
import { EntryPanel } from './EntryPanel';
import { InboxPanel } from './InboxPanel';

const REVIEWERS = new Set(['city', 'department', 'supervisor']);

export default function ReportingPage() {
  const { t } = useTranslation();
  const session = useSession();
  const forms = useForms();
  const units = useOrgUnits();
  const [params, setParams] = useSearchParams();
  const user = session.data?.user ?? null;

  const formsWithUnits = useMemo(() => {
    if (!forms.data || !units.data || !user) return [];
    return forms.data
      .map((form) => ({ form, units: unitChoices(units.data, form.reporterLevel, user.unitCode) }))
      .filter((f) => f.units.length > 0);
  }, [forms.data, units.data, user]);

  if (forms.isPending || units.isPending || session.isPending) return <PageLoading />;
  if (forms.isError) return <LoadError error={forms.error} onRetry={() => void forms.refetch()} />;
  if (units.isError) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  if (!user || !session.data) return null;

  const chosen =
    formsWithUnits.find((f) => f.form.code === params.get('form')) ?? formsWithUnits[0];
  const form: ReportForm | undefined = chosen?.form;
  const unitCode =
    chosen?.units.find((u) => u.code === params.get('unit'))?.code ??
    chosen?.units.find((u) => u.code === user.unitCode)?.code ??
    chosen?.units[0]?.code;
  const periods = form ? recentPeriods(form.periodType) : [];
  const requested = params.get('period');
  const period =
    form && requested && periods.includes(requested)
      ? requested
      : form
        ? defaultPeriod(form.periodType, form.expiryDays)
        : undefined;
  const key: SubmissionKey | null =
    form && unitCode && period ? { formCode: form.code, unitCode, period } : null;

  const choose = (change: Record<string, string>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(change)) next.set(k, v);
      return next;
    });

  const entry = (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={16} wrap align="center">
          <label>
            <Typography.Text strong>{t('reportingPage.pick.form')}</Typography.Text>{' '}
            <Select
              aria-label={t('reportingPage.pick.form')}
              style={{ minWidth: 260 }}
              value={form?.code}
              placeholder={t('reportingPage.pick.formPlaceholder')}
              options={formsWithUnits.map((f) => ({ value: f.form.code, label: f.form.name }))}
              onChange={(code: string) => choose({ form: code, tab: 'entry' })}
              showSearch
              optionFilterProp="label"
            />
          </label>
          <label>
            <Typography.Text strong>{t('reportingPage.pick.unit')}</Typography.Text>{' '}
            <Select
              aria-label={t('reportingPage.pick.unit')}
              style={{ minWidth: 180 }}
              value={unitCode}
              placeholder={t('reportingPage.pick.unitPlaceholder')}
              options={(chosen?.units ?? []).map((u) => ({ value: u.code, label: u.name }))}
              onChange={(code: string) => choose({ unit: code })}
              showSearch
              optionFilterProp="label"
            />
          </label>
          <label>
            <Typography.Text strong>{t('reportingPage.pick.period')}</Typography.Text>{' '}
            <Select
              aria-label={t('reportingPage.pick.period')}
              style={{ minWidth: 160 }}
              value={period}
              options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
              onChange={(p: string) => choose({ period: p })}
            />
          </label>
        </Flex>
      </Card>
      {key ? (
        <EntryPanel
          key={`${key.formCode}/${key.unitCode}/${key.period}`}
          reportKey={key}
          csrf={session.data.csrfToken}
        />
      ) : (
        <Empty description={t('reportingPage.noForms')} />
      )}
    </Flex>
  );

  if (!REVIEWERS.has(user.role)) return <div data-testid="reporting-page">{entry}</div>;
  return (
    <div data-testid="reporting-page">
      <Tabs
        activeKey={params.get('tab') ?? 'entry'}
        onChange={(tab) => choose({ tab })}
        items={[
          { key: 'entry', label: t('reportingPage.tabs.entry'), children: entry },
          {
            key: 'inbox',
            label: t('reportingPage.tabs.inbox'),
            children: (
              <InboxPanel
                csrf={session.data.csrfToken}
                onOpen={(k) =>
                  choose({ form: k.formCode, unit: k.unitCode, period: k.period, tab: 'entry' })
                }
              />
            ),
          },
        ]}
      />
    </div>
  );
}
