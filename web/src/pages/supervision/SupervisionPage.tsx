// 任务督办: the supervision office's board, the work-task ledgers, inspections and bulletins,
// one tab each (the tab is kept in the URL so links can point at it).
import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import BoardPanel from './board/BoardPanel';
import BulletinsPanel from './bulletins/BulletinsPanel';
import InspectionsPanel from './inspections/InspectionsPanel';
import LedgersPanel from './ledgers/LedgersPanel';

export default function SupervisionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'board';
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('nav.supervision')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          { key: 'board', label: t('supervisionBoard.tab'), children: <BoardPanel /> },
          { key: 'ledgers', label: t('ledgers.tab'), children: <LedgersPanel /> },
          { key: 'inspections', label: t('inspections.tab'), children: <InspectionsPanel /> },
          { key: 'bulletins', label: t('bulletins.tab'), children: <BulletinsPanel /> },
        ]}
      />
    </Card>
  );
}
