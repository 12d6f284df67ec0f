// 生成通报: the kind, and the period (month / quarter) or the as-of date of an ad-hoc one;
// empty means the last complete period (or today), as the scheduled drafts do.
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useDraftBulletin, type BulletinKind, type DraftBody } from '../../../api/bulletins';

const KINDS: BulletinKind[] = ['monthly', 'quarterly', 'adhoc'];

interface Props {
  open: boolean;
  onClose: (draftedId: number | null) => void;
}

export function DraftModal({ open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DraftBody>();
  const draft = useDraftBulletin();
  const kind = Form.useWatch('kind', form) ?? 'monthly';

  useEffect(() => {
    if (!open) return;
    draft.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: DraftBody = {
      kind: v.kind,
      period: v.kind !== 'adhoc' && v.period?.trim() ? v.period.trim() : undefined,
      asOf: v.kind === 'adhoc' && v.asOf?.trim() ? v.asOf.trim() : undefined,
      title: v.title?.trim() || undefined,
    };
    const result = await draft.mutateAsync(body);
    onClose(result.id);
  };

  return (
    <Modal
      open={open}
      title={t('bulletins.draft.title')}
      okText={t('bulletins.draft.submit')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={draft.isPending}
      onCancel={() => onClose(null)}
      destroyOnHidden
    >
      {draft.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(draft.error)}
        />
      )}
      {draft.isPending && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('bulletins.draft.working')}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ kind: 'monthly' }}>
        <Form.Item name="kind" label={t('bulletins.draft.kind')}>
          <Radio.Group
            optionType="button"
            options={KINDS.map((k) => ({ value: k, label: t(`bulletins.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind === 'adhoc' ? (
          <Form.Item
            name="asOf"
            label={t('bulletins.draft.asOf')}
            extra={t('bulletins.draft.asOfHint')}
          >
            <Input placeholder="YYYY-MM-DD" maxLength={10} allowClear />
          </Form.Item>
        ) : (
          <Form.Item
            name="period"
            label={t('bulletins.draft.period')}
            extra={
              kind === 'monthly'
                ? t('bulletins.draft.periodMonthly')
                : t('bulletins.draft.periodQuarterly')
            }
          >
            <Input
              placeholder={kind === 'monthly' ? '2026-09' : '2026Q3'}
              maxLength={10}
              allowClear
            />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('bulletins.draft.customTitle')}
          extra={t('bulletins.draft.customTitleHint')}
        >
          <Input maxLength={200} allowClear />
        </Form.Item>
      </Form>
    </Modal>
  );
}
