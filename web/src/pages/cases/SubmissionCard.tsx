// One case as the caller may see it: text, figures, attachments, and what the caller may do
// (edit before the deadline, score once as a reviewer; 回避 where the case is their own unit's).
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SubmissionDto } from '../../api/cases';

export default function SubmissionCard({
  submission: s,
  conflicted,
  onEdit,
  onScore,
}: {
  submission: SubmissionDto;
  conflicted: boolean;
  onEdit: () => void;
  onScore: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="case-card"
      title={
        <Space wrap>
          {s.winner && <TrophyOutlined style={{ color: '#d48806' }} />}
          <span>{s.title}</span>
          {s.finalRank !== null && (
            <Tag color={s.winner ? 'gold' : 'default'}>
              {t('cases.finalRank', { rank: s.finalRank })}
            </Tag>
          )}
          {s.winner && <Tag color="gold">{t('cases.winner')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          {s.myScore && <Tag color="blue">{t('cases.scored', { score: s.myScore.weighted })}</Tag>}
          {conflicted && <Tag color="orange">{t('cases.conflict')}</Tag>}
          {s.canScore && (
            <Button type="primary" size="small" onClick={onScore}>
              {t('cases.score')}
            </Button>
          )}
          {s.editable && (
            <Button size="small" onClick={onEdit}>
              {t('cases.editCase')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('cases.unit')}>{s.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('cases.domain')}>{s.domainName}</Descriptions.Item>
        <Descriptions.Item label={t('cases.task')}>
          {s.taskNumber}. {s.taskTitle}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{s.summary}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('cases.results')}：{s.results}
      </Typography.Paragraph>
      {s.figures.length > 0 && (
        <Space wrap style={{ marginBottom: 4 }}>
          {s.figures.map((f, i) => (
            <Tag key={i}>
              {f.label} {f.value.toLocaleString('zh-CN')} {f.unit}
            </Tag>
          ))}
        </Space>
      )}
      {s.attachments.length > 0 && (
        <Space wrap>
          {s.attachments.map((a) => (
            <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {a.fileName}
            </a>
          ))}
        </Space>
      )}
    </Card>
  );
}
