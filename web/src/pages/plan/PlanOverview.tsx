import { SearchOutlined } from '@ant-design/icons';
import { Card, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanResponse } from '../../api/plan';
import { countPlan } from './planFormat';
import styles from './PlanPage.module.css';

interface PlanOverviewProps {
  data: PlanResponse;
  query: string;
  onQueryChange: (query: string) => void;
}

function formatImportedAt(isoDateTime: string, language: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

/** Plan title, document facts, the count summary and the target search box. */
export function PlanOverview({ data, query, onQueryChange }: PlanOverviewProps) {
  const { t, i18n } = useTranslation();
  const { plan, revision } = data;
  const counts = countPlan(plan);
  const facts = [plan.issuer, plan.documentNumber, plan.issuedOn].filter(Boolean).join(' · ');
  return (
    <Card className={styles.overview}>
      <div className={styles.overviewRow}>
        <div className={styles.overviewText}>
          <Typography.Title level={1} className={styles.planTitle}>
            {plan.title}
          </Typography.Title>
          <div className={styles.planFacts}>
            <Typography.Text type="secondary">{facts}</Typography.Text>
            <Tag variant="outlined">
              {t('plan.revision', {
                number: revision.number,
                date: formatImportedAt(revision.importedAt, i18n.resolvedLanguage ?? 'zh-CN'),
              })}
            </Tag>
            {revision.number > 1 && (
              <Link to="/midterm-evaluation?tab=plan-changes" data-testid="plan-revision-link">
                {t('planChanges.from', { date: revision.effectiveFrom })} ·{' '}
                {t('planChanges.history')}
              </Link>
            )}
          </div>
          <p className={styles.planCounts} data-testid="plan-counts">
            {t('plan.summary', { ...counts })}
          </p>
        </div>
        <Input
          className={styles.search}
          size="large"
          allowClear
          prefix={<SearchOutlined aria-hidden="true" />}
          placeholder={t('plan.searchPlaceholder')}
          aria-label={t('plan.searchLabel')}
          type="search"
          value={query}
          onChange={(event) => onQueryChange(event.target.value)}
        />
      </div>
    </Card>
  );
}
