// 中期评估与案例: the mid-term review (built later) and 优秀案例评选, one tab each (kept in the URL).
import { Card, Result, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import CasesPanel from './CasesPanel';

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
            children: <Result status="info" title={t('cases.midtermLater')} />,
          },
        ]}
      />
    </Card>
  );
}
