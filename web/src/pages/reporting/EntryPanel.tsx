// One form × unit × period: state and deadlines, the grid, save / submit / review actions,
// conflicts with both values, and the Excel buttons.
import { App, Alert, Button, Card, Flex, Input, Modal, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  DetailedApiError,
  gridKey,
  saveValues,
  transition,
  useGrid,
  type Conflict,
  type Grid,
  type SubmissionKey,
  type Transition,
} from '../../api/reporting';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { ConflictModal } from './ConflictModal';
import { ExcelButtons } from './ExcelButtons';
import { ValueGrid, draftOf, isDirty, type Draft, type Drafts } from './ValueGrid';

const STATE_COLORS = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
} as const;

/** `values/3/value` details of a refused save, as messages per element code. */
function errorsByElement(error: unknown, codes: string[]): Record<string, string[]> {
  if (!(error instanceof DetailedApiError)) return {};
  const details = (error.body.details ?? []) as Array<{ field?: string; message: string }>;
  const result: Record<string, string[]> = {};
  for (const d of details) {
    const index = /values\/(\d+)/.exec(d.field ?? '')?.[1];
    const code = index === undefined ? undefined : codes[Number(index)];
    if (code) result[code] = [...(result[code] ?? []), d.message];
  }
  return result;
}

export function EntryPanel({ reportKey, csrf }: { reportKey: SubmissionKey; csrf: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const grid = useGrid(reportKey);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonFor, setReasonFor] = useState<Transition | null>(null);
  const [reason, setReason] = useState('');

  if (grid.isPending) return <PageLoading />;
  if (grid.isError) return <LoadError error={grid.error} onRetry={() => void grid.refetch()} />;
  const data: Grid = grid.data;
  const editable = data.permissions.edit;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: gridKey(reportKey) });
    await queryClient.invalidateQueries({ queryKey: ['reporting', 'inbox'] });
  };

  const changes = (versionOverride: Record<string, number> = {}) =>
    data.cells
      .filter((c) => isDirty(c, drafts))
      .map((c) => {
        const d = draftOf(c, drafts);
        return {
          elementCode: c.elementCode,
          unitCode: reportKey.unitCode,
          period: reportKey.period,
          value: d.value,
          comment: d.comment,
          baseVersion: versionOverride[c.elementCode] ?? c.version,
        };
      });

  const save = async (submit: boolean, versions: Record<string, number> = {}) => {
    const batch = changes(versions);
    setBusy(true);
    try {
      if (batch.length) {
        const result = await saveValues(batch, csrf, submit);
        void message.success(
          t('reportingPage.saved', { created: result.created, updated: result.updated }),
        );
      } else if (submit) {
        await transition('submit', reportKey, csrf);
      } else {
        void message.info(t('reportingPage.nothingToSave'));
      }
      if (submit) void message.success(t('reportingPage.submitted'));
      setDrafts({});
      setErrors({});
      await refresh();
    } catch (error) {
      if (
        error instanceof DetailedApiError &&
        error.status === 409 &&
        Array.isArray(error.body.conflicts)
      ) {
        setConflicts(error.body.conflicts as Conflict[]);
      } else {
        setErrors(
          errorsByElement(
            error,
            batch.map((b) => b.elementCode),
          ),
        );
        void message.error(errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const review = async (action: Transition, why?: string) => {
    setBusy(true);
    try {
      await transition(action, reportKey, csrf, why);
      void message.success(
        t(
          `reportingPage.${action === 'approve' ? 'approved' : action === 'return' ? 'returned' : action === 'reopen' ? 'reopened' : 'submitted'}`,
        ),
      );
      await refresh();
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const dirty = data.cells.some((c) => isDirty(c, drafts));
  const state = data.submission.state;
  const names = Object.fromEntries(data.cells.map((c) => [c.elementCode, c.name]));

  return (
    <Card
      data-testid="entry-panel"
      title={
        <Space wrap>
          <span>{`${data.form.name} · ${data.unit.name} · ${data.period}`}</span>
          <Tag color={STATE_COLORS[state]} data-testid="submission-state">
            {t(`reportingPage.states.${state}`)}
          </Tag>
          {data.submission.onTime !== null && (
            <Tag color={data.submission.onTime ? 'green' : 'red'}>
              {t(data.submission.onTime ? 'reportingPage.onTime' : 'reportingPage.late')}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t('reportingPage.deadlines', {
            due: data.deadlines.dueDate,
            expiry: data.deadlines.expiryDate,
          })}
        </Typography.Text>
      }
    >
      <Flex vertical gap={12}>
        {data.deadlines.expired && (
          <Alert type="warning" showIcon title={t('reportingPage.expired')} />
        )}
        {state === 'returned' && data.submission.reason && (
          <Alert
            type="warning"
            showIcon
            title={t('reportingPage.returnedReason', { reason: data.submission.reason })}
          />
        )}
        {data.rollUp && <Alert type="info" showIcon title={t('reportingPage.rollUp')} />}
        <Flex justify="space-between" wrap gap={8}>
          <Space wrap>
            {editable && (
              <Button onClick={() => void save(false)} loading={busy} disabled={!dirty}>
                {t('reportingPage.actions.save')}
              </Button>
            )}
            {data.permissions.submit && (
              <Button type="primary" onClick={() => void save(true)} loading={busy}>
                {t('reportingPage.actions.submit')}
              </Button>
            )}
            {data.permissions.approve && (
              <Button type="primary" onClick={() => void review('approve')} loading={busy}>
                {t('reportingPage.actions.approve')}
              </Button>
            )}
            {data.permissions.return && (
              <Button danger onClick={() => setReasonFor('return')}>
                {t('reportingPage.actions.return')}
              </Button>
            )}
            {data.permissions.reopen && (
              <Button onClick={() => setReasonFor('reopen')}>
                {t('reportingPage.actions.reopen')}
              </Button>
            )}
          </Space>
          <ExcelButtons
            reportKey={reportKey}
            csrf={csrf}
            canUpload={editable}
            onImported={() => void refresh()}
          />
        </Flex>
        {!data.rollUp && (
          <>
            <Typography.Text type="secondary">
              {t('reportingPage.filled', { filled: data.filled, total: data.total })} ·{' '}
              {t('reportingPage.keyboardHint')}
            </Typography.Text>
            <ValueGrid
              cells={data.cells}
              drafts={drafts}
              editable={editable}
              errors={errors}
              onChange={(code: string, draft: Draft) => setDrafts((d) => ({ ...d, [code]: draft }))}
            />
          </>
        )}
      </Flex>
      <ConflictModal
        conflicts={conflicts}
        names={names}
        onKeepTheirs={() => {
          const codes = new Set((conflicts ?? []).map((c) => c.elementCode));
          setDrafts((d) =>
            Object.fromEntries(Object.entries(d).filter(([code]) => !codes.has(code))),
          );
          setConflicts(null);
          void refresh();
        }}
        onKeepMine={() => {
          const versions = Object.fromEntries(
            (conflicts ?? []).map((c) => [c.elementCode, c.storedVersion ?? 0]),
          );
          setConflicts(null);
          void save(false, versions);
        }}
      />
      <Modal
        open={reasonFor !== null}
        title={t('reportingPage.reasonTitle')}
        onCancel={() => setReasonFor(null)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => {
          const action = reasonFor!;
          setReasonFor(null);
          void review(action, reason.trim()).then(() => setReason(''));
        }}
      >
        <Input.TextArea
          aria-label={t('reportingPage.reasonTitle')}
          value={reason}
          maxLength={500}
          placeholder={t('reportingPage.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
