// The office's ranking: mean weighted score per case, the means per criterion, ties ordered by
// the stated rule, the would-be winners; per-reviewer sheets once the review is over.
import { Alert, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRanking, type CallDto, type Ranking } from '../../api/cases';
import { LoadError } from '../../components/LoadError';

type Row = Ranking['rows'][number];

export default function RankingTable({ call }: { call: CallDto }) {
  const { t } = useTranslation();
  const ranking = useRanking(call.id, true);
  if (ranking.isError)
    return <LoadError error={ranking.error} onRetry={() => void ranking.refetch()} />;
  const data = ranking.data;
  return (
    <div data-testid="ranking">
      <Typography.Title level={5}>{t('cases.ranking')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('cases.tieRule')}：{call.tieRuleText}
      </Typography.Paragraph>
      {data && !data.revealed && (
        <Alert type="info" showIcon title={t('cases.sheetsHidden')} style={{ marginBottom: 8 }} />
      )}
      <Table<Row>
        size="small"
        rowKey="submissionId"
        loading={ranking.isPending}
        pagination={false}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: t('cases.noRanking') }}
        expandable={
          data?.revealed
            ? {
                expandedRowRender: (r) => (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="reviewer"
                    dataSource={r.sheets ?? []}
                    columns={[
                      { title: t('cases.reviewers'), dataIndex: 'reviewer' },
                      ...call.criteria.map((c) => ({
                        title: c.name,
                        key: c.key,
                        render: (_: unknown, s: NonNullable<Row['sheets']>[number]) =>
                          s.scores[c.key],
                      })),
                      { title: t('cases.score'), dataIndex: 'weighted' },
                      { title: t('cases.comment'), dataIndex: 'comment' },
                    ]}
                  />
                ),
              }
            : undefined
        }
        columns={[
          { title: t('cases.rank'), dataIndex: 'rank', width: 70 },
          { title: t('cases.caseTitle'), dataIndex: 'title' },
          { title: t('cases.unit'), dataIndex: 'unitName' },
          {
            title: t('cases.meanScore'),
            dataIndex: 'score',
            render: (v: number | null, r) => (
              <>
                {v ?? '—'}
                {r.tieBrokenBy && (
                  <Tag style={{ marginLeft: 6 }} title={call.tieRuleText}>
                    {t('cases.tieBroken')}
                  </Tag>
                )}
              </>
            ),
          },
          ...call.criteria.map((c) => ({
            title: `${c.name}（${c.weight}%）`,
            key: c.key,
            render: (_: unknown, r: Row) => r.byCriterion[c.key] ?? '—',
          })),
          { title: t('cases.reviewerCount'), dataIndex: 'reviewers', width: 90 },
          {
            title: t('cases.winner'),
            dataIndex: 'winner',
            render: (w: boolean) => (w ? <Tag color="gold">{t('cases.winner')}</Tag> : null),
          },
        ]}
      />
    </div>
  );
}
