// 暗访督查: the visits on record (newest first), each with its photos and the rectification
// items its findings became; the supervision office records new visits here.
import { Button, Card, Empty, Image, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/auth';
import { useInspections, type Inspection } from '../../../api/supervision';
import { ItemDrawer } from '../board/ItemDrawer';
import { ItemTable } from '../board/ItemTable';
import { InspectionForm } from './InspectionForm';

function InspectionCard({
  inspection: i,
  onOpen,
}: {
  inspection: Inspection;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="inspection"
      style={{ width: '100%' }}
      title={
        <Space wrap>
          <span>{i.place}</span>
          <Tag>{i.countyName ? `${i.cityName} · ${i.countyName}` : i.cityName}</Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">{`${t('inspections.visitedOn')} ${i.visitedOn}`}</Typography.Text>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary">{t('inspections.inspectors')}：</Typography.Text>
        {i.inspectors.join('、')}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.summary}</Typography.Paragraph>
      {i.photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap>
            {i.photos.map((p) => (
              <Image
                key={p.id}
                src={p.url}
                alt={p.fileName}
                width={96}
                height={72}
                style={{ objectFit: 'cover' }}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('inspections.rectifications')}
      </Typography.Title>
      <ItemTable items={i.items} onOpen={onOpen} />
    </Card>
  );
}

export default function InspectionsPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const inspections = useInspections();
  const [recording, setRecording] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const canRecord = session.data?.user.role === 'supervisor';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {canRecord && (
        <Button type="primary" onClick={() => setRecording(true)}>
          {t('inspections.record')}
        </Button>
      )}
      {inspections.isLoading && <Spin />}
      {inspections.data?.length === 0 && <Empty description={t('inspections.empty')} />}
      <List
        dataSource={inspections.data ?? []}
        rowKey="id"
        split={false}
        renderItem={(i) => (
          <List.Item>
            <InspectionCard inspection={i} onOpen={setOpenId} />
          </List.Item>
        )}
      />
      <InspectionForm open={recording} onClose={() => setRecording(false)} />
      <ItemDrawer id={openId} onClose={() => setOpenId(null)} />
    </Space>
  );
}
