// Level and status tags shared by the board, the drawer and the inspections tab.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SupervisionLevel, SupervisionStatus } from '../../../api/supervision';

const LEVEL_COLORS: Record<SupervisionLevel, string> = {
  general: 'blue',
  key: 'orange',
  listed: 'red',
};

const STATUS_COLORS: Record<SupervisionStatus, string> = {
  open: 'processing',
  replied: 'warning',
  returned: 'magenta',
  closed: 'success',
};

export function LevelTag({ level }: { level: SupervisionLevel }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLORS[level]}>{t(`supervisionBoard.levels.${level}`)}</Tag>;
}

export function StatusTag({ status }: { status: SupervisionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`supervisionBoard.statuses.${status}`)}</Tag>;
}

export function LateTag({ days }: { days: number }) {
  const { t } = useTranslation();
  return days > 0 ? <Tag color="red">{t('supervisionBoard.daysLate', { days })}</Tag> : null;
}
