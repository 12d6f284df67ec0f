// One call: its facts and tie rule, the office's controls (status, reviewers, publication),
// the cases the caller may see with their actions, and the office's ranking table.
import {
  Alert,
  App,
  Button,
  Descriptions,
  Empty,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAssignReviewers,
  useCall,
  useCandidates,
  useMoveCall,
  usePublish,
  type CallDetail,
  type SubmissionDto,
} from '../../api/cases';
import { errorMessage } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import CallFormModal from './CallFormModal';
import RankingTable from './RankingTable';
import ScoreModal from './ScoreModal';
import SubmissionCard from './SubmissionCard';
import SubmitCaseModal from './SubmitCaseModal';
import { STATUS_COLOURS } from './CasesPanel';

const NEXT = { draft: 'open', open: 'reviewing', reviewing: 'closed' } as const;
const NEXT_LABEL = {
  draft: 'cases.open',
  open: 'cases.startReview',
  reviewing: 'cases.closeReview',
} as const;

export default function CallDetailView({ id }: { id: number }) {
  const { t } = useTranslation();
  const detail = useCall(id);
  const [editing, setEditing] = useState(false);
  const [caseForm, setCaseForm] = useState<SubmissionDto | 'new' | null>(null);
  const [scoring, setScoring] = useState<SubmissionDto | null>(null);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError)
    return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const { call, submissions } = detail.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {call.title}
        </Typography.Title>
        <Tag color={STATUS_COLOURS[call.status]} data-testid="call-status">
          {call.statusText}
        </Tag>
      </Space>
      {call.description && <Typography.Paragraph>{call.description}</Typography.Paragraph>}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('cases.submissionDeadline')}>
          {call.submissionDeadline}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.reviewDeadline')}>
          {call.reviewDeadline}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.scale')}>
          {t('cases.scaleText', { max: call.scaleMax })}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.winners')}>{call.winners}</Descriptions.Item>
        <Descriptions.Item label={t('cases.criteria')} span={2}>
          {call.criteria.map((c) => `${c.name} ${c.weight}%`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.tieRule')} span={2}>
          <span data-testid="tie-rule">{call.tieRuleText}</span>
        </Descriptions.Item>
      </Descriptions>
      {call.canManage && <ManageBar detail={detail.data} onEdit={() => setEditing(true)} />}
      {call.isReviewer && <Alert type="info" showIcon title={t('cases.roleReviewer')} />}
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('cases.submissions', { n: submissions.length })}
        </Typography.Title>
        {call.canSubmit && (
          <Button type="primary" onClick={() => setCaseForm('new')}>
            {t('cases.submit')}
          </Button>
        )}
      </Space>
      {submissions.length === 0 ? (
        <Empty description={t('cases.noSubmissions')} />
      ) : (
        submissions.map((s) => (
          <SubmissionCard
            key={s.id}
            submission={s}
            conflicted={call.isReviewer && call.status === 'reviewing' && !s.canScore && !s.myScore}
            onEdit={() => setCaseForm(s)}
            onScore={() => setScoring(s)}
          />
        ))
      )}
      {call.canManage && call.status !== 'draft' && call.status !== 'open' && (
        <RankingTable call={call} />
      )}
      {editing && <CallFormModal call={call} onClose={() => setEditing(false)} />}
      {caseForm && (
        <SubmitCaseModal
          call={call}
          submission={caseForm === 'new' ? null : caseForm}
          onClose={() => setCaseForm(null)}
        />
      )}
      {scoring && <ScoreModal call={call} submission={scoring} onClose={() => setScoring(null)} />}
    </Space>
  );
}

function ManageBar({ detail, onEdit }: { detail: CallDetail; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { call, reviewers } = detail;
  const move = useMoveCall();
  const publish = usePublish();
  const assign = useAssignReviewers();
  const candidates = useCandidates(true);
  const [picked, setPicked] = useState<number[] | null>(null);
  const chosen = picked ?? reviewers.map((r) => r.userId);
  const run = (p: Promise<unknown>, ok: string) =>
    p
      .then(() => void message.success(ok))
      .catch((e: unknown) => void message.error(errorMessage(e)));
  const next = call.status in NEXT ? NEXT[call.status as keyof typeof NEXT] : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {(call.status === 'draft' || call.status === 'open') && (
          <Button onClick={onEdit}>{t('cases.editCall')}</Button>
        )}
        {next && (
          <Button
            type="primary"
            loading={move.isPending}
            onClick={() =>
              void run(move.mutateAsync({ id: call.id, status: next }), t('cases.saved'))
            }
          >
            {t(NEXT_LABEL[call.status as keyof typeof NEXT_LABEL])}
          </Button>
        )}
        {call.status === 'closed' && (
          <Popconfirm
            title={t('cases.publishConfirm', { n: call.winners })}
            onConfirm={() => void run(publish.mutateAsync(call.id), t('cases.published'))}
            okText={t('cases.publish')}
            cancelText={t('cases.cancel')}
          >
            <Button type="primary" danger loading={publish.isPending}>
              {t('cases.publish')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {call.status !== 'closed' && call.status !== 'published' && (
        <Space wrap>
          <Typography.Text>{t('cases.reviewers')}</Typography.Text>
          <Select
            mode="multiple"
            aria-label={t('cases.reviewers')}
            style={{ minWidth: 420 }}
            value={chosen}
            onChange={setPicked}
            optionFilterProp="label"
            options={(candidates.data?.users ?? []).map((u) => ({
              value: u.userId,
              label: `${u.displayName}${u.unitName ? `（${u.unitName}）` : ''}`,
            }))}
          />
          <Button
            loading={assign.isPending}
            onClick={() =>
              void run(
                assign.mutateAsync({ id: call.id, userIds: chosen }),
                t('cases.reviewersSaved'),
              )
            }
          >
            {t('cases.assignReviewers')}
          </Button>
        </Space>
      )}
      {reviewers.length > 0 && (
        <Typography.Text type="secondary">
          {reviewers.map((r) => `${r.displayName}（${r.scored}）`).join('、')}
        </Typography.Text>
      )}
    </Space>
  );
}
