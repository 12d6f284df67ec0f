// 新增 / 编辑事项: the modal around the ledger item form. It loads the item being edited, sends
// the save, places the server's field errors on the form, and on a version conflict (409)
// reloads the item so the user edits what is now stored.
import { Alert, App, Modal, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { DetailedApiError, useLedger, useSaveLedger } from '../../../api/ledgers';
import { LedgerForm, type LedgerFormInstance } from './LedgerForm';
import { placeErrors, toFormValues, toLedgerInput, type LedgerFormValues } from './ledgerFormModel';

interface Props {
  open: boolean;
  /** The item to edit, or null to create one. */
  id: number | null;
  onClose: () => void;
}

export function LedgerFormModal({ open, id, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={id === null ? t('ledgers.editor.createTitle') : t('ledgers.editor.editTitle')}
      width={900}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      {open && <EditorBody id={id} onClose={onClose} />}
    </Modal>
  );
}

function EditorBody({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useLedger(id);
  const save = useSaveLedger();
  const [conflict, setConflict] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const item = detail.data?.item ?? null;

  if (id !== null && !item) {
    if (detail.isError) return <Alert type="error" showIcon title={errorMessage(detail.error)} />;
    return <Spin />;
  }

  const submit = async (values: LedgerFormValues, form: LedgerFormInstance) => {
    setConflict(null);
    setUnplaced([]);
    try {
      const result = await save.mutateAsync({
        id,
        input: toLedgerInput(values),
        ...(item ? { version: item.version } : {}),
      });
      void message.success(
        'code' in result
          ? t('ledgers.editor.created', { code: result.code })
          : t('ledgers.editor.saved'),
      );
      onClose();
    } catch (e) {
      if (!(e instanceof DetailedApiError)) return;
      if (e.status === 409) {
        // Someone saved in between: load what is stored now; the form re-mounts on its version.
        const fresh = await detail.refetch();
        setConflict(t('ledgers.editor.conflict', { version: fresh.data?.item.version ?? '?' }));
        return;
      }
      const { placed, unplaced: rest } = placeErrors(e.details);
      // A refusal on scope (403) is about the task's domain: show it at the task too.
      if (e.status === 403) placed.push({ name: ['taskNumber'], errors: [e.message] });
      // The paths come from the server at run time, so they are not typed as this form's names.
      form.setFields(placed as Parameters<LedgerFormInstance['setFields']>[0]);
      setUnplaced(rest);
    }
  };

  const failure = save.error instanceof DetailedApiError && save.error.status !== 409;
  return (
    <>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={conflict}
          data-testid="ledger-editor-conflict"
        />
      )}
      {failure && save.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(save.error)}
          description={
            unplaced.length > 1 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {unplaced.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid="ledger-editor-error"
        />
      )}
      <LedgerForm
        key={item ? `${item.id}-${item.version}` : 'new'}
        initial={item ? toFormValues(item) : undefined}
        saving={save.isPending}
        onSubmit={(values, form) => void submit(values, form)}
        onCancel={onClose}
      />
    </>
  );
}
