// 优秀案例: the calls on the left, the chosen call on the right (its facts, the office's
// controls, the cases the caller may see, and for the office the ranking table).
import { Button, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCalls, type CallDto } from '../../api/cases';
import { useCurrentUser } from '../../components/CurrentUser';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import CallDetailView from './CallDetailView';
import CallFormModal from './CallFormModal';

export const STATUS_COLOURS: Record<CallDto['status'], string> = {
  draft: 'default',
  open: 'green',
  reviewing: 'blue',
  closed: 'purple',
  published: 'gold',
};

export default function CasesPanel() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const calls = useCalls();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  if (calls.isPending) return <PageLoading />;
  if (calls.isError) return <LoadError error={calls.error} onRetry={() => void calls.refetch()} />;
  const list = calls.data.calls;
  const selected = Number(params.get('call')) || list[0]?.id || null;
  const select = (id: number) => setParams({ tab: 'cases', call: String(id) });
  return (
    <Row gutter={24}>
      <Col xs={24} lg={7}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cases.calls')}
          </Typography.Title>
          {user.role === 'supervisor' && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('cases.newCall')}
            </Button>
          )}
        </Space>
        <List
          bordered
          locale={{ emptyText: t('cases.noCalls') }}
          dataSource={list}
          renderItem={(c) => (
            <List.Item
              onClick={() => select(c.id)}
              style={{
                cursor: 'pointer',
                background: c.id === selected ? 'rgba(22,119,255,0.08)' : undefined,
              }}
              aria-current={c.id === selected}
            >
              <List.Item.Meta
                title={<span data-testid="call-title">{c.title}</span>}
                description={
                  <Space size={4} wrap>
                    <Tag color={STATUS_COLOURS[c.status]}>{c.statusText}</Tag>
                    <span>
                      {t('cases.submissionDeadline')} {c.submissionDeadline}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} lg={17}>
        {selected ? <CallDetailView id={selected} /> : <Empty description={t('cases.pickCall')} />}
      </Col>
      {creating && (
        <CallFormModal
          call={null}
          onClose={(id) => {
            setCreating(false);
            if (id) select(id);
          }}
        />
      )}
    </Row>
  );
}
