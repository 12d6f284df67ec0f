// The status of a ledger item as a coloured tag: done green, on track blue, at risk orange,
// delayed red, not started grey.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerStatus } from '../../../api/ledgers';

export const STATUS_COLORS: Record<LedgerStatus, string> = {
  done: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  delayed: 'red',
  not_started: 'default',
};

export function StatusTag({ status }: { status: LedgerStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`ledger-status-${status}`}>
      {t(`ledgers.status.${status}`)}
    </Tag>
  );
}
