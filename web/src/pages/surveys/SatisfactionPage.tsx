// 满意度监测: surveys (builder, waves, links and QR codes), the satisfaction index, and the
// 12345 hotline's on-time closure — one page with a tab each.
import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import HotlinePanel from '../hotline/HotlinePanel';
import IndexPanel from './IndexPanel';
import SurveysPanel from './SurveysPanel';

export default function SatisfactionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'surveys';
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {t('satisfactionPage.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          { key: 'surveys', label: t('satisfactionPage.tabs.surveys'), children: <SurveysPanel /> },
          { key: 'index', label: t('satisfactionPage.tabs.index'), children: <IndexPanel /> },
          { key: 'hotline', label: t('satisfactionPage.tabs.hotline'), children: <HotlinePanel /> },
        ]}
      />
    </Card>
  );
}
