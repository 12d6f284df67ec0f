import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOURS, type TargetStatusKey } from '../../api/analytics';

export function StatusTag({
  status,
  provisional,
}: {
  status: TargetStatusKey;
  provisional?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status}>
      {t(`analyticsPage.status.${status}`)}
      {provisional ? `（${t('analyticsPage.provisional')}）` : ''}
    </Tag>
  );
}
