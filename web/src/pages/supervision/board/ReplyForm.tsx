// The target unit's answer: text and evidence files, sent as one multipart form.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useReply } from '../../../api/supervision';

export function ReplyForm({ itemId }: { itemId: number }) {
  const { t } = useTranslation();
  const reply = useReply();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);

  const submit = async () => {
    await reply.mutateAsync({
      id: itemId,
      text,
      files: files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f),
    });
    setText('');
    setFiles([]);
  };

  return (
    <Form layout="vertical" data-testid="reply-form">
      {reply.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(reply.error)}
        />
      )}
      <Form.Item label={t('supervisionBoard.reply.text')} htmlFor="supervision-reply-text" required>
        <Input.TextArea
          id="supervision-reply-text"
          rows={4}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('supervisionBoard.reply.files')}>
        <Upload
          multiple
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(0, 10))}
        >
          <Button icon={<UploadOutlined />}>{t('supervisionBoard.reply.choose')}</Button>
        </Upload>
      </Form.Item>
      <Button
        type="primary"
        disabled={!text.trim()}
        loading={reply.isPending}
        onClick={() => void submit().catch(() => undefined)}
      >
        {t('supervisionBoard.reply.submit')}
      </Button>
    </Form>
  );
}
