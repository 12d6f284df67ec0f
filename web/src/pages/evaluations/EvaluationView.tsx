// One mid-term evaluation: its state (frozen when, signed by whom), status and assessment
// counts, the downloads, sign-off, and the frozen figures in four tabs.
import { Alert, Button, Card, Col, Row, Space, Spin, Statistic, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { evaluationFileUrl, useEvaluation } from '../../api/evaluations';
import { at } from './format';
import { TargetTable } from './TargetTable';
import { LedgerTable, SatisfactionTable, SupervisionTable } from './FigureTables';
import { SignModal } from './SignModal';

const STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
const STATUS_COLOR = {
  achieved: '#1a7f37',
  on_track: '#52c41a',
  at_risk: '#faad14',
  off_track: '#cf1322',
  no_data: '#8c8c8c',
};

interface Props {
  id: number;
  onBack: () => void;
}

export default function EvaluationView({ id, onBack }: Props) {
  const { t } = useTranslation();
  const query = useEvaluation(id);
  const [signing, setSigning] = useState(false);
  const e = query.data;
  if (query.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button onClick={onBack}>{t('evaluations.back')}</Button>
        <Alert type="error" showIcon title={errorMessage(query.error)} />
      </Space>
    );
  if (!e) return <Spin />;
  const s = e.snapshot;
  const signed = e.status === 'signed';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button onClick={onBack}>{t('evaluations.back')}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {e.title}
        </Typography.Title>
        <Tag color={signed ? 'green' : 'gold'}>{t(`evaluations.statuses.${e.status}`)}</Tag>
      </Space>
      <Typography.Text type="secondary">
        {t('evaluations.view.frozen', { at: at(s.takenAt), revision: s.planRevision.number })}
      </Typography.Text>
      {signed ? (
        <Alert
          type="success"
          showIcon
          title={t('evaluations.view.signedBy', { by: e.signedBy, at: at(e.signedAt) })}
          description={
            <>
              {e.signComment && (
                <div>{t('evaluations.view.signComment', { comment: e.signComment })}</div>
              )}
              <div>{t('evaluations.view.readOnly')}</div>
            </>
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('evaluations.view.draftNote')} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={3}>
          <Card size="small">
            <Statistic title={t('evaluations.view.targets')} value={e.summary.targets} />
          </Card>
        </Col>
        {STATUSES.map((st) => (
          <Col xs={12} md={3} key={st}>
            <Card size="small">
              <Statistic
                title={t(`evaluations.targetStatus.${st}`)}
                value={e.summary.byStatus[st]}
                styles={{ content: { color: STATUS_COLOR[st] } }}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={3}>
          <Card size="small">
            <Statistic title={t('evaluations.view.assessed')} value={e.summary.assessed} />
          </Card>
        </Col>
        <Col xs={12} md={3}>
          <Card size="small">
            <Statistic title={t('evaluations.view.unassessed')} value={e.summary.unassessed} />
          </Card>
        </Col>
      </Row>
      <Space wrap>
        <Button href={evaluationFileUrl(id, 'docx')}>{t('evaluations.view.docx')}</Button>
        <Button href={evaluationFileUrl(id, 'xlsx')}>{t('evaluations.view.xlsx')}</Button>
        {e.canManage && !signed && (
          <Button type="primary" onClick={() => setSigning(true)}>
            {t('evaluations.view.sign')}
          </Button>
        )}
      </Space>
      <Tabs
        items={[
          {
            key: 'targets',
            label: t('evaluations.view.sections.targets'),
            children: <TargetTable evaluation={e} />,
          },
          {
            key: 'ledgers',
            label: t('evaluations.view.sections.ledgers'),
            children: <LedgerTable snapshot={s} />,
          },
          {
            key: 'supervision',
            label: t('evaluations.view.sections.supervision'),
            children: <SupervisionTable snapshot={s} />,
          },
          {
            key: 'satisfaction',
            label: t('evaluations.view.sections.satisfaction'),
            children: <SatisfactionTable snapshot={s} />,
          },
        ]}
      />
      <SignModal evaluation={e} open={signing} onClose={() => setSigning(false)} />
    </Space>
  );
}
