// 修改草稿: the title and the introduction; optionally gather the figures again. The server
// renders the .docx and the page anew; a published bulletin cannot be edited (409).
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useBulletin, useUpdateBulletin, type UpdateBody } from '../../../api/bulletins';

interface Props {
  id: number | null;
  onClose: (saved: boolean) => void;
}

export function EditModal({ id, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UpdateBody>();
  const bulletin = useBulletin(id);
  const update = useUpdateBulletin();
  const required = [{ required: true, whitespace: true, message: t('bulletins.edit.required') }];

  useEffect(() => {
    if (id === null || !bulletin.data) return;
    update.reset();
    form.setFieldsValue({ title: bulletin.data.title, intro: bulletin.data.intro, refresh: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, bulletin.data]);

  const submit = async () => {
    const v = await form.validateFields();
    await update.mutateAsync({ id: id!, title: v.title, intro: v.intro, refresh: v.refresh });
    onClose(true);
  };

  return (
    <Modal
      open={id !== null}
      width={720}
      title={t('bulletins.edit.title')}
      okText={t('bulletins.edit.submit')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={update.isPending}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {(update.isError || bulletin.isError) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(update.error ?? bulletin.error)}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('bulletins.edit.docTitle')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="intro" label={t('bulletins.edit.intro')} rules={required}>
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="refresh" valuePropName="checked">
          <Checkbox>{t('bulletins.edit.refresh')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
