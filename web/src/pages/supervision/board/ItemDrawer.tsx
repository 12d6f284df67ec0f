// One item: what was asked, the timeline with evidence, the reply form for the target unit,
// and 销号 / 退回 for the issuer once a reply has come in.
import {
  Alert,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Input,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import {
  useDecide,
  useItem,
  type SupervisionEvent,
  type SupervisionItem,
} from '../../../api/supervision';
import { ReplyForm } from './ReplyForm';
import { LateTag, LevelTag, StatusTag } from './tags';

const EVENT_COLORS: Record<string, string> = {
  issued: 'blue',
  replied: 'green',
  accepted: 'gray',
  returned: 'orange',
  escalated: 'red',
  reminded: 'blue',
};

const EVENT_KINDS = ['issued', 'replied', 'accepted', 'returned', 'escalated', 'reminded'] as const;
type EventKind = (typeof EVENT_KINDS)[number];
const isEventKind = (k: string): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k);

function EventBody({ e }: { e: SupervisionEvent }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong>
        {isEventKind(e.kind) ? t(`supervisionBoard.detail.events.${e.kind}`) : e.kind}
      </Typography.Text>{' '}
      <Typography.Text type="secondary">
        {new Date(e.at).toLocaleString('zh-CN')} · {e.unitName ?? e.actor}
      </Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>
      {e.evidence.length > 0 && (
        <Space wrap size={4}>
          {e.evidence.map((f) => (
            <Typography.Link key={f.id} href={f.url} target="_blank" rel="noreferrer">
              📎 {f.fileName}
            </Typography.Link>
          ))}
        </Space>
      )}
    </div>
  );
}

function Decide({ item }: { item: SupervisionItem }) {
  const { t } = useTranslation();
  const decide = useDecide();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <div data-testid="decide">
      {decide.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(decide.error)}
        />
      )}
      <Space>
        <Button
          type="primary"
          loading={decide.isPending && !returning}
          onClick={() => decide.mutate({ id: item.id, action: 'accept' })}
        >
          {t('supervisionBoard.decide.accept')}
        </Button>
        <Button danger onClick={() => setReturning(true)} disabled={returning}>
          {t('supervisionBoard.decide.return')}
        </Button>
      </Space>
      {returning && (
        <div style={{ marginTop: 12 }}>
          <Input.TextArea
            aria-label={t('supervisionBoard.decide.reason')}
            placeholder={t('supervisionBoard.decide.reason')}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button
            danger
            type="primary"
            style={{ marginTop: 8 }}
            disabled={!reason.trim()}
            loading={decide.isPending}
            onClick={() =>
              decide.mutate(
                { id: item.id, action: 'return', reason },
                { onSuccess: () => setReturning(false) },
              )
            }
          >
            {`${t('supervisionBoard.decide.return')} ✓`}
          </Button>
        </div>
      )}
    </div>
  );
}

export function ItemDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useItem(id);
  const item = detail.data?.item;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={item?.title ?? t('supervisionBoard.detail.title')}
      destroyOnHidden
    >
      {detail.isLoading && <Spin />}
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {item && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('supervisionBoard.columns.level')}>
              <LevelTag level={item.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('supervisionBoard.columns.status')}>
              <StatusTag status={item.status} /> <LateTag days={item.daysLate} />
            </Descriptions.Item>
            <Descriptions.Item label={t('supervisionBoard.columns.target')}>
              {item.targetUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervisionBoard.columns.issuer')}>
              {item.issuerUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervisionBoard.columns.replyDue')} span={2}>
              {item.replyDue}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervisionBoard.detail.body')} span={2}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{item.body}</div>
            </Descriptions.Item>
          </Descriptions>
          <Divider titlePlacement="start">{t('supervisionBoard.detail.timeline')}</Divider>
          <Timeline
            items={detail.data!.events.map((e) => ({
              key: e.id,
              color: EVENT_COLORS[e.kind] ?? 'blue',
              content: <EventBody e={e} />,
            }))}
          />
          {item.canReply && (
            <>
              <Divider titlePlacement="start">{t('supervisionBoard.reply.title')}</Divider>
              <ReplyForm itemId={item.id} />
            </>
          )}
          {item.canDecide && (
            <>
              <Divider />
              <Decide item={item} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
