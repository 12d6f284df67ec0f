// Importing a registry file (xlsx or csv) through the platform's dry-run import dialog, with
// the choice of creating only or also updating existing service areas.
import type { ImportKey } from './i18nKeys';
import { Alert, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DryRunImportModal, ProblemsTable } from '../../components/DryRunImportModal';
import { useImportServiceAreas, type ImportReport } from '../../api/serviceAreas';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const i = (key: ImportKey, o?: Record<string, unknown>) => t(`serviceAreas.import.${key}`, o);
  const [mode, setMode] = useState<'create' | 'upsert'>('create');
  const mutation = useImportServiceAreas();
  const columns: [string, string, string, string] = [
    i('sheet'),
    i('row'),
    i('column'),
    i('problem'),
  ];

  return (
    <DryRunImportModal<ImportReport>
      open={open}
      onClose={onClose}
      accept=".xlsx,.csv"
      labels={{
        title: i('title'),
        hint: i('hint'),
        choose: i('choose'),
        check: i('dryRun'),
        commit: i('confirm'),
        columns,
      }}
      send={async (file, dryRun) =>
        mutation.mutateAsync({
          fileName: file.name,
          contentBase64: await toBase64(file),
          dryRun,
          mode,
        })
      }
      errorsTitle={(count) => i('hasErrors', { count })}
      errorsTestId="service-area-import-errors"
      options={(reset) => (
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as 'create' | 'upsert');
            reset();
          }}
          options={[
            { value: 'create', label: i('modeCreate') },
            { value: 'upsert', label: i('modeUpsert') },
          ]}
        />
      )}
      result={(report) => (
        <>
          {report.dryRun && report.errors.length === 0 && (
            <Alert
              type="info"
              showIcon
              title={i('checked', {
                rows: report.rows,
                created: report.created,
                updated: report.updated,
              })}
            />
          )}
          {!report.dryRun && (
            <Alert
              type="success"
              showIcon
              title={i('done', { created: report.created, updated: report.updated })}
            />
          )}
          {report.warnings.length > 0 && (
            <>
              <Typography.Text type="warning">
                {i('warnings', { count: report.warnings.length })}
              </Typography.Text>
              <ProblemsTable
                rows={report.warnings}
                columns={columns}
                testId="service-area-import-errors"
              />
            </>
          )}
        </>
      )}
    />
  );
}
