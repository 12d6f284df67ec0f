// Placeholder until this tab is built.
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

export default function BulletinsPanel() {
  const { t } = useTranslation();
  return <Empty description={t('bulletins.tab')} />;
}
