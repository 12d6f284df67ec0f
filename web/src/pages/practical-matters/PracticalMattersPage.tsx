// 十件民生实事: the year's list (at most ten), each matter with its status, linked plan tasks and
// its targets' progress as on the dashboard; the supervision office adds, edits and deletes.
import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useMatters, type MatterDto } from '../../api/practicalMatters';
import { STATUS_COLOURS, type TargetStatusKey } from '../../api/analytics';
import { MatterCard } from './MatterCard';
import { MatterFormModal } from './MatterFormModal';

const STATUSES: TargetStatusKey[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];

export default function PracticalMattersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('year');
  const list = useMatters(asked ? Number(asked) : null);
  const [editing, setEditing] = useState<MatterDto | 'new' | null>(null);
  const data = list.data;

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('practicalMatters.title')}
        </Typography.Title>
        <Space wrap>
          {data && (
            <Select
              aria-label={t('practicalMatters.year')}
              data-testid="matters-year"
              value={data.year}
              style={{ width: 120 }}
              options={data.years.map((y) => ({ value: y, label: `${y}` }))}
              onChange={(y) => setParams({ year: String(y) })}
            />
          )}
          {data && (
            <Button
              icon={<DownloadOutlined />}
              href={`/api/practical-matters/export?year=${data.year}`}
              data-testid="matters-export"
            >
              {t('practicalMatters.export')}
            </Button>
          )}
          {data?.canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={data.matters.length >= 10}
              title={data.matters.length >= 10 ? t('practicalMatters.full') : undefined}
              onClick={() => setEditing('new')}
              data-testid="matters-add"
            >
              {t('practicalMatters.add')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('practicalMatters.intro')}
      </Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.isLoading && <Spin />}
      {data && (
        <>
          <Space wrap style={{ marginBottom: 12 }} data-testid="matters-counts">
            <Typography.Text strong>
              {t('practicalMatters.asOf', { date: data.asOf })}
            </Typography.Text>
            {STATUSES.filter((s) => data.counts[s] > 0).map((s) => (
              <Tag key={s} color={STATUS_COLOURS[s]}>
                {t('practicalMatters.counts', {
                  status: t(`analyticsPage.status.${s}`),
                  n: data.counts[s],
                })}
              </Tag>
            ))}
          </Space>
          {data.matters.length === 0 ? (
            <Empty description={t('practicalMatters.empty', { year: data.year })} />
          ) : (
            <Row gutter={[16, 16]}>
              {data.matters.map((m) => (
                <Col key={m.id} xs={24} xl={12}>
                  <MatterCard matter={m} canManage={data.canManage} onEdit={() => setEditing(m)} />
                </Col>
              ))}
            </Row>
          )}
          {editing !== null && (
            <MatterFormModal
              year={data.year}
              matter={editing === 'new' ? null : editing}
              taken={data.matters.map((m) => m.seq)}
              onClose={() => setEditing(null)}
            />
          )}
        </>
      )}
    </Card>
  );
}
