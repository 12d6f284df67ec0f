// 督办看板: headline cards, what is late first, every visible item with filters, open items per
// unit; issuing (supervision office, departments), the item drawer and the rule settings.
import {
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/auth';
import { useBoard, useItems, type ItemFilter } from '../../../api/supervision';
import { IssueModal } from './IssueModal';
import { ItemDrawer } from './ItemDrawer';
import { ItemTable } from './ItemTable';
import { RulesModal } from './RulesModal';

const LEVELS = ['general', 'key', 'listed'] as const;
const STATUSES = ['open', 'replied', 'returned', 'closed'] as const;
const KINDS = ['supervision', 'rectification'] as const;

function SummaryCards() {
  const { t } = useTranslation();
  const board = useBoard();
  const s = board.data?.summary;
  const card = (key: 'open' | 'overdue' | 'listed' | 'closedThisMonth', color?: string) => (
    <Col xs={12} md={6}>
      <Card size="small" loading={board.isLoading}>
        <Statistic
          title={t(`supervisionBoard.cards.${key}`)}
          value={s?.[key] ?? 0}
          styles={color ? { content: { color } } : undefined}
        />
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]} data-testid="supervision-summary">
      {card('open')}
      {card('overdue', (s?.overdue ?? 0) > 0 ? '#cf1322' : undefined)}
      {card('listed', '#cf1322')}
      {card('closedThisMonth', '#389e0d')}
    </Row>
  );
}

function Filters({ value, onChange }: { value: ItemFilter; onChange: (f: ItemFilter) => void }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Select
        allowClear
        aria-label={t('supervisionBoard.filters.level')}
        placeholder={t('supervisionBoard.filters.level')}
        style={{ width: 130 }}
        value={value.level}
        onChange={(level) => onChange({ ...value, level })}
        options={LEVELS.map((l) => ({ value: l, label: t(`supervisionBoard.levels.${l}`) }))}
      />
      <Select
        allowClear
        aria-label={t('supervisionBoard.filters.status')}
        placeholder={t('supervisionBoard.filters.status')}
        style={{ width: 150 }}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={STATUSES.map((s) => ({ value: s, label: t(`supervisionBoard.statuses.${s}`) }))}
      />
      <Select
        allowClear
        aria-label={t('supervisionBoard.filters.kind')}
        placeholder={t('supervisionBoard.filters.kind')}
        style={{ width: 110 }}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        options={KINDS.map((k) => ({ value: k, label: t(`supervisionBoard.kinds.${k}`) }))}
      />
      <Checkbox
        checked={value.overdue === true}
        onChange={(e) => onChange({ ...value, overdue: e.target.checked ? true : undefined })}
      >
        {t('supervisionBoard.filters.overdueOnly')}
      </Checkbox>
    </Space>
  );
}

export default function BoardPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.data?.user.role;
  const board = useBoard();
  const [filter, setFilter] = useState<ItemFilter>({});
  const items = useItems(filter);
  const [openId, setOpenId] = useState<number | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [rules, setRules] = useState(false);
  const overdue = board.data?.overdue ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {(role === 'supervisor' || role === 'department') && (
          <Button type="primary" onClick={() => setIssuing(true)}>
            {t('supervisionBoard.issue.button')}
          </Button>
        )}
        {role === 'supervisor' && (
          <Button onClick={() => setRules(true)}>{t('supervisionBoard.rules.button')}</Button>
        )}
      </Space>
      <SummaryCards />
      <Card
        size="small"
        title={
          <Typography.Text type="danger">
            {t('supervisionBoard.overdueTitle', { count: overdue.length })}
          </Typography.Text>
        }
      >
        {overdue.length === 0 && !board.isLoading ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('supervisionBoard.overdueNone')}
          />
        ) : (
          <ItemTable
            items={overdue}
            loading={board.isLoading}
            onOpen={setOpenId}
            pageSize={5}
            testId="overdue-items"
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('supervisionBoard.allTitle')}
        extra={<Filters value={filter} onChange={setFilter} />}
      >
        <ItemTable
          items={items.data ?? []}
          loading={items.isLoading}
          onOpen={setOpenId}
          testId="supervision-items"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('supervisionBoard.unitsTitle')}>
            <Table
              size="small"
              rowKey="unitCode"
              dataSource={board.data?.units ?? []}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t('supervisionBoard.columns.unit'), dataIndex: 'unitName' },
                { title: t('supervisionBoard.columns.open'), dataIndex: 'open', width: 70 },
                { title: t('supervisionBoard.columns.overdue'), dataIndex: 'overdue', width: 70 },
                { title: t('supervisionBoard.columns.listed'), dataIndex: 'listed', width: 70 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('supervisionBoard.recentlyClosed')}>
            <ItemTable
              items={board.data?.recentlyClosed ?? []}
              onOpen={setOpenId}
              pageSize={8}
              compact
            />
          </Card>
        </Col>
      </Row>
      <IssueModal
        open={issuing}
        onClose={(id) => {
          setIssuing(false);
          if (id !== null) setOpenId(id);
        }}
      />
      <RulesModal open={rules} onClose={() => setRules(false)} />
      <ItemDrawer id={openId} onClose={() => setOpenId(null)} />
    </Space>
  );
}
