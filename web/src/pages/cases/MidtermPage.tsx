// 中期评估与案例: the mid-term evaluation (pages/evaluations) and 优秀案例评选, one tab each (kept in the URL).
import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import CasesPanel from './CasesPanel';
import EvaluationsPanel from '../evaluations/EvaluationsPanel';
import PlanChangesPanel from '../revisions/PlanChangesPanel';

export default function MidtermPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'cases';
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('cases.pageTitle')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          { key: 'cases', label: t('cases.tab'), children: <CasesPanel /> },
          {
            key: 'midterm',
            label: t('cases.midtermTab'),
            children: <EvaluationsPanel />,
          },
          { key: 'plan-changes', label: t('planChanges.tab'), children: <PlanChangesPanel /> },
        ]}
      />
    </Card>
  );
}
