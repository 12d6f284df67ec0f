// The plan's revisions, newest first (date in force, reason, who made it), and the difference
// between any two of them: which targets changed, from what to what, and why.
import { Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlanDiff, useRevisions } from '../../api/planRevisions';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { DiffList } from './DiffList';

export function RevisionHistory() {
  const { t } = useTranslation();
  const revisions = useRevisions();
  const [pair, setPair] = useState<[number, number] | null>(null);
  const list = revisions.data ?? [];
  const latest = list[0]?.number ?? null;
  const [from, to] = pair ?? (latest && latest > 1 ? [latest - 1, latest] : [null, null]);
  const diff = usePlanDiff(from, to);
  if (revisions.isPending) return <PageLoading />;
  if (revisions.isError)
    return <LoadError error={revisions.error} onRetry={() => void revisions.refetch()} />;
  const options = list.map((r) => ({
    value: r.number,
    label: t('planChanges.revision', { n: r.number }),
  }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <List
        size="small"
        bordered
        data-testid="revision-list"
        dataSource={list}
        renderItem={(r) => (
          <List.Item
            data-revision={r.number}
            actions={
              r.number > 1
                ? [
                    <a key="diff" onClick={() => setPair([r.number - 1, r.number])}>
                      {t('planChanges.viewDiff')}
                    </a>,
                  ]
                : []
            }
          >
            <Space wrap>
              <Typography.Text strong>{t('planChanges.revision', { n: r.number })}</Typography.Text>
              <Typography.Text>{t('planChanges.from', { date: r.effectiveFrom })}</Typography.Text>
              {r.inForce && <Tag color="green">{t('planChanges.inForce')}</Tag>}
              <Typography.Text type="secondary">
                {t('planChanges.targetsCount', { n: r.targets })} · {r.createdBy}
              </Typography.Text>
              <Typography.Text>{r.reason}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {from !== null && to !== null && (
        <Card
          size="small"
          data-testid="revision-diff"
          title={
            <Space wrap>
              {t('planChanges.compare')}
              <Select
                size="small"
                style={{ width: 110 }}
                value={from}
                options={options}
                onChange={(v: number) => setPair([v, to])}
              />
              →
              <Select
                size="small"
                style={{ width: 110 }}
                value={to}
                options={options}
                onChange={(v: number) => setPair([from, v])}
              />
            </Space>
          }
        >
          {diff.isError && <LoadError error={diff.error} onRetry={() => void diff.refetch()} />}
          {diff.data && (
            <>
              {diff.data.steps.map((s) => (
                <Typography.Paragraph key={s.number} type="secondary" style={{ marginBottom: 4 }}>
                  {t('planChanges.revision', { n: s.number })}（
                  {t('planChanges.from', { date: s.effectiveFrom })}）：{s.reason}
                </Typography.Paragraph>
              ))}
              {diff.data.targets.length === 0 ? (
                <Empty description={t('planChanges.noDiff')} />
              ) : (
                <DiffList diffs={diff.data.targets} />
              )}
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
