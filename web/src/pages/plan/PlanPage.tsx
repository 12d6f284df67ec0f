import { Card, Col, Result, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { usePlan } from '../../api/plan';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { DomainDetail } from './DomainDetail';
import { DomainNav } from './DomainNav';
import { PlanOverview } from './PlanOverview';
import { TargetSearchResults } from './TargetSearchResults';
import styles from './PlanPage.module.css';

function parseTaskNumber(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  return Number(value);
}

function DomainNotFound({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Card className={styles.domainCard}>
      <Result
        status="warning"
        title={t('plan.domainNotFound')}
        subTitle={t('plan.domainNotFoundHint', { code })}
      />
    </Card>
  );
}

/** 计划浏览: the plan's domains, tasks and targets (/plan and /plan/:domainCode?task=N). */
export default function PlanPage() {
  const planQuery = usePlan();
  const { domainCode } = useParams();
  const [searchParams] = useSearchParams();
  const [query, setQuery] = useState('');

  if (planQuery.isPending) return <PageLoading />;
  if (planQuery.isError) {
    return <LoadError error={planQuery.error} onRetry={() => void planQuery.refetch()} />;
  }

  const { plan } = planQuery.data;
  const domain = domainCode
    ? plan.domains.find((candidate) => candidate.code === domainCode)
    : plan.domains[0];
  const initialTask = parseTaskNumber(searchParams.get('task'));
  const clearQuery = () => setQuery('');
  const searching = query.trim() !== '';

  return (
    <div className={styles.page}>
      <PlanOverview data={planQuery.data} query={query} onQueryChange={setQuery} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={6} xxl={5}>
          <DomainNav
            plan={plan}
            selectedCode={searching ? undefined : domain?.code}
            onSelect={clearQuery}
          />
        </Col>
        <Col xs={24} lg={16} xl={18} xxl={19}>
          {searching ? (
            <TargetSearchResults plan={plan} query={query} onClear={clearQuery} />
          ) : domain ? (
            <DomainDetail
              key={`${domain.code}/${initialTask ?? ''}`}
              plan={plan}
              domain={domain}
              initialTask={initialTask}
            />
          ) : (
            <DomainNotFound code={domainCode ?? ''} />
          )}
        </Col>
      </Row>
    </div>
  );
}
