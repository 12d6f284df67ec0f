// 中期评估与案例 → 目标调整 (动态调整): change requests with the supervisor's approve / reject and
// the proposer's withdraw, the proposal form, and the plan's revision history with its diff.
import {
  App,
  Button,
  Card,
  Empty,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useChangeRequests, useReview, type ChangeRequestDto } from '../../api/planRevisions';
import { useCurrentUser } from '../../components/CurrentUser';
import { LoadError } from '../../components/LoadError';
import { DiffList } from './DiffList';
import ProposeChangeModal from './ProposeChangeModal';
import { RevisionHistory } from './RevisionHistory';

const STATUS_COLOURS: Record<ChangeRequestDto['status'], string> = {
  proposed: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export default function PlanChangesPanel() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const mayPropose = user.role === 'department' || user.role === 'supervisor';
  const [proposing, setProposing] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {mayPropose && (
        <Card
          size="small"
          title={t('planChanges.proposals')}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
              {t('planChanges.propose')}
            </Button>
          }
        >
          <Proposals />
        </Card>
      )}
      <Card size="small" title={t('planChanges.history')}>
        <RevisionHistory />
      </Card>
      {proposing && <ProposeChangeModal onClose={() => setProposing(false)} />}
    </Space>
  );
}

function Proposals() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const requests = useChangeRequests(true);
  const review = useReview();
  const [rejecting, setRejecting] = useState<ChangeRequestDto | null>(null);
  const [comment, setComment] = useState('');
  if (requests.isError)
    return <LoadError error={requests.error} onRetry={() => void requests.refetch()} />;
  const act = async (
    r: ChangeRequestDto,
    action: 'approve' | 'reject' | 'withdraw',
    text?: string,
  ) => {
    try {
      const done = await review.mutateAsync({
        id: r.id,
        action,
        comment: text,
        version: r.version,
      });
      void message.success(
        action === 'approve'
          ? t('planChanges.approved', { n: done.revision })
          : t(action === 'reject' ? 'planChanges.rejected' : 'planChanges.withdrawn'),
      );
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };
  return (
    <>
      <Table<ChangeRequestDto>
        size="small"
        rowKey="id"
        data-testid="change-requests"
        loading={requests.isPending}
        dataSource={requests.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('planChanges.noProposals')} /> }}
        onRow={(r) => ({ 'data-request': r.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('planChanges.columns.id'), dataIndex: 'id', width: 60 },
          {
            title: t('planChanges.columns.changes'),
            key: 'changes',
            render: (_, r) => <DiffList diffs={r.diff} />,
          },
          { title: t('planChanges.columns.reason'), dataIndex: 'reason', width: 220 },
          { title: t('planChanges.columns.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
          {
            title: t('planChanges.columns.proposer'),
            key: 'proposer',
            width: 150,
            render: (_, r) => r.proposedUnitName ?? r.proposedBy,
          },
          {
            title: t('planChanges.columns.status'),
            key: 'status',
            width: 170,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOURS[r.status]}>{t(`planChanges.status.${r.status}`)}</Tag>
                {r.revision !== null && (
                  <Typography.Text type="secondary">
                    {t('planChanges.revision', { n: r.revision })}
                  </Typography.Text>
                )}
                {r.reviewComment && (
                  <Typography.Text type="secondary">{r.reviewComment}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('planChanges.columns.actions'),
            key: 'actions',
            width: 150,
            render: (_, r) => (
              <Space size={4} wrap>
                {r.canReview && (
                  <Popconfirm
                    title={t('planChanges.confirmApprove', { date: r.effectiveFrom })}
                    onConfirm={() => void act(r, 'approve')}
                  >
                    <Button size="small" type="primary">
                      {t('planChanges.approve')}
                    </Button>
                  </Popconfirm>
                )}
                {r.canReview && (
                  <Button size="small" danger onClick={() => setRejecting(r)}>
                    {t('planChanges.reject')}
                  </Button>
                )}
                {r.canWithdraw && (
                  <Button size="small" onClick={() => void act(r, 'withdraw')}>
                    {t('planChanges.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {rejecting && (
        <Modal
          open
          title={`${t('planChanges.reject')} #${rejecting.id}`}
          okButtonProps={{ danger: true, disabled: !comment.trim() }}
          okText={t('planChanges.reject')}
          confirmLoading={review.isPending}
          onCancel={() => setRejecting(null)}
          onOk={() =>
            void act(rejecting, 'reject', comment).then((ok) => {
              if (!ok) return;
              setRejecting(null);
              setComment('');
            })
          }
        >
          <Typography.Paragraph type="secondary">
            {t('planChanges.commentRequired')}
          </Typography.Paragraph>
          <Input.TextArea
            rows={3}
            aria-label={t('planChanges.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Modal>
      )}
    </>
  );
}
