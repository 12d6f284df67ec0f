// The card of one service area: its figures, compliance and change history.
import type { FieldKey } from './i18nKeys';
import { Descriptions, Drawer, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServiceAreaDetail, type HistoryItem, type ServiceArea } from '../../api/serviceAreas';
import { COMPLIANCE_COLOURS, complianceKey, formatPercent } from './format';

export function ComplianceTag({ compliant }: { compliant: boolean | null }) {
  const { t } = useTranslation();
  const key = complianceKey(compliant);
  return <Tag color={COMPLIANCE_COLOURS[key]}>{t(`serviceAreas.compliance.${key}`)}</Tag>;
}

export function AreaCard({ area, onClose }: { area: ServiceArea | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useServiceAreaDetail(area?.id ?? null);
  const f = (key: FieldKey) => t(`serviceAreas.fields.${key}`);
  return (
    <Drawer
      open={area !== null}
      onClose={onClose}
      size={520}
      title={area ? `${area.name}（${area.direction}）` : ''}
      data-testid="service-area-card"
    >
      {area && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={f('road')} span={2}>
              {area.road} · {t(`serviceAreas.roadClasses.${area.roadClass}`)}
            </Descriptions.Item>
            <Descriptions.Item label={f('city')}>{area.cityName}</Descriptions.Item>
            <Descriptions.Item label={f('county')}>{area.countyName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={f('parkingSpaces')}>{area.parkingSpaces}</Descriptions.Item>
            <Descriptions.Item label={f('chargingSpaces')}>{area.chargingSpaces}</Descriptions.Item>
            <Descriptions.Item label={f('ratio')}>
              {formatPercent(area.ratioPercent)}
            </Descriptions.Item>
            <Descriptions.Item label={f('threshold')}>
              {area.thresholdPercent === null ? '—' : `${area.thresholdPercent}%`}
            </Descriptions.Item>
            <Descriptions.Item label={f('required')}>{area.required ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={f('gap')}>
              <strong>{area.gap}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={f('compliance')} span={2}>
              <ComplianceTag compliant={area.compliant} />
            </Descriptions.Item>
            <Descriptions.Item label={f('chargerCount')}>{area.chargerCount}</Descriptions.Item>
            <Descriptions.Item label={f('chargerPowerKw')}>{area.chargerPowerKw}</Descriptions.Item>
            <Descriptions.Item label={f('status')}>
              {t(`serviceAreas.statuses.${area.status}`)}
              {area.statusDate ? `（${area.statusDate}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={f('operator')}>{area.operator || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('serviceAreas.card.location')} span={2}>
              {area.longitude.toFixed(5)}, {area.latitude.toFixed(5)}
            </Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('serviceAreas.card.history')}</h4>
          <Table<HistoryItem>
            size="small"
            rowKey="id"
            pagination={false}
            loading={detail.isPending}
            dataSource={detail.data?.history ?? []}
            columns={[
              { title: f('effectiveDate'), dataIndex: 'validFrom' },
              {
                title: '',
                dataIndex: 'change',
                render: (c: HistoryItem['change']) => t(`serviceAreas.card.change.${c}`),
              },
              { title: f('parkingSpaces'), dataIndex: 'parkingSpaces' },
              { title: f('chargingSpaces'), dataIndex: 'chargingSpaces' },
              {
                title: f('status'),
                dataIndex: 'status',
                render: (s: HistoryItem['status']) => t(`serviceAreas.statuses.${s}`),
              },
              { title: t('serviceAreas.card.recordedBy'), dataIndex: 'recordedBy' },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
