// Importing a ledger workbook through the platform's dry-run import dialog.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { DryRunImportModal } from '../../../components/DryRunImportModal';
import { useImportLedgers } from '../../../api/ledgers';

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useImportLedgers();
  return (
    <DryRunImportModal
      open={open}
      onClose={onClose}
      accept=".xlsx"
      labels={{
        title: t('ledgers.importModal.title'),
        hint: t('ledgers.importModal.hint'),
        choose: t('ledgers.importModal.choose'),
        check: t('ledgers.importModal.check'),
        commit: t('ledgers.importModal.commit'),
        columns: [
          t('ledgers.importModal.sheet'),
          t('ledgers.importModal.row'),
          t('ledgers.importModal.column'),
          t('ledgers.importModal.problem'),
        ],
      }}
      send={(file, dryRun) => mutation.mutateAsync({ file, dryRun })}
      errorsTitle={(count) => t('ledgers.importModal.errors', { count })}
      errorsTestId="ledger-import-errors"
      result={(report) =>
        report.errors.length === 0 && (
          <Alert
            type={report.dryRun ? 'info' : 'success'}
            showIcon
            data-testid="ledger-import-summary"
            title={`${report.dryRun ? '' : `${t('ledgers.importModal.done')}：`}${t('ledgers.importModal.summary', { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged })}`}
          />
        )
      }
    />
  );
}
