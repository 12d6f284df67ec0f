// 工作台账: the ledger items the user may see — filters by domain, task, city and status, a
// table with status tags, progress bars and due dates, the item drawer, and Excel export and
// import, and the item form (新增 / 编辑) for those who keep the ledger.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import {
  exportUrl,
  LEDGER_STATUS_ORDER,
  useLedgers,
  type ItemView,
  type LedgerFilter,
  type LedgerStatus,
} from '../../../api/ledgers';
import { useOrgUnits } from '../../../api/orgUnits';
import { usePlan } from '../../../api/plan';
import { useSession } from '../../../api/auth';
import { ImportModal } from './ImportModal';
import { LedgerDrawer } from './LedgerDrawer';
import { LedgerFormModal } from './LedgerFormModal';
import { STATUS_COLORS, StatusTag } from './StatusTag';

/** Roles that keep ledgers (policy action ledger.write). */
const WRITERS = new Set(['supervisor', 'department']);

export default function LedgersPanel() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<LedgerFilter>({});
  const [openId, setOpenId] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  /** The form: closed, a new item ('new'), or the id of the item being edited. */
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const list = useLedgers(filter);
  const plan = usePlan();
  const units = useOrgUnits();
  const session = useSession();
  const canWrite = WRITERS.has(session.data?.user.role ?? '');

  const domains = useMemo(() => plan.data?.plan.domains ?? [], [plan.data]);
  const tasks = useMemo(
    () =>
      domains
        .filter((d) => !filter.domain || d.code === filter.domain)
        .flatMap((d) =>
          d.tasks.map((task) => ({ value: task.number, label: `${task.number}. ${task.title}` })),
        ),
    [domains, filter.domain],
  );
  const cities = (units.data ?? []).filter((u) => u.level === 'city');
  const set = (patch: Partial<LedgerFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const counts = list.data?.counts;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('ledgers.filter.domain')}
          value={filter.domain}
          onChange={(domain?: string) => set({ domain, task: undefined })}
          options={domains.map((d) => ({ value: d.code, label: d.name }))}
          data-testid="ledger-filter-domain"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 300 }}
          placeholder={t('ledgers.filter.task')}
          value={filter.task}
          onChange={(task?: number) => set({ task })}
          options={tasks}
          data-testid="ledger-filter-task"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('ledgers.filter.city')}
          value={filter.city}
          onChange={(city?: string) => set({ city })}
          options={cities.map((c) => ({ value: c.code, label: c.name }))}
          data-testid="ledger-filter-city"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('ledgers.filter.status')}
          value={filter.status}
          onChange={(status?: LedgerStatus) => set({ status })}
          options={LEDGER_STATUS_ORDER.map((s) => ({ value: s, label: t(`ledgers.status.${s}`) }))}
          data-testid="ledger-filter-status"
        />
        <Button
          icon={<DownloadOutlined />}
          href={exportUrl({ task: filter.task, domain: filter.domain })}
          data-testid="ledger-export"
        >
          {t('ledgers.export')}
        </Button>
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="ledger-new"
          >
            {t('ledgers.editor.new')}
          </Button>
        )}
        {canWrite && (
          <Button
            icon={<UploadOutlined />}
            onClick={() => setImporting(true)}
            data-testid="ledger-import"
          >
            {t('ledgers.import')}
          </Button>
        )}
      </Space>
      {counts && (
        <Space wrap data-testid="ledger-counts">
          <Typography.Text>{t('ledgers.counts', { total: list.data?.total ?? 0 })}</Typography.Text>
          {LEDGER_STATUS_ORDER.map((s) => (
            <Tag
              key={s}
              color={STATUS_COLORS[s]}
              style={{ cursor: 'pointer' }}
              onClick={() => set({ status: filter.status === s ? undefined : s })}
            >
              {t(`ledgers.status.${s}`)} {counts[s]}
            </Tag>
          ))}
        </Space>
      )}
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<ItemView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        data-testid="ledger-table"
        columns={[
          { title: t('ledgers.column.code'), dataIndex: 'code', width: 100 },
          {
            title: t('ledgers.column.title'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Link>{title}</Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.taskNumber}. {r.taskTitle}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('ledgers.column.owner'), dataIndex: 'ownerUnitName', width: 160 },
          {
            title: t('ledgers.column.city'),
            dataIndex: 'cityName',
            width: 90,
            render: (v: string | null) => v ?? t('ledgers.none'),
          },
          {
            title: t('ledgers.column.nextMilestone'),
            width: 200,
            render: (_: unknown, r) => {
              const next = r.milestones.find((m) => !m.doneOn);
              if (!next) return t('ledgers.none');
              return (
                <Typography.Text type={next.overdue ? 'danger' : undefined}>
                  {next.dueDate} {next.title}
                </Typography.Text>
              );
            },
          },
          {
            title: t('ledgers.column.due'),
            dataIndex: 'dueDate',
            width: 110,
            render: (v: string, r) => (
              <Typography.Text type={r.overdue ? 'danger' : undefined}>{v}</Typography.Text>
            ),
          },
          {
            title: t('ledgers.column.percent'),
            dataIndex: 'percentDone',
            width: 150,
            render: (v: number, r) => (
              <Progress
                percent={v}
                size="small"
                status={
                  r.status === 'delayed' ? 'exception' : r.status === 'done' ? 'success' : 'normal'
                }
              />
            ),
          },
          {
            title: t('ledgers.column.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: LedgerStatus, r) => (
              <span title={r.statusReason}>
                <StatusTag status={s} />
              </span>
            ),
          },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 70,
                  render: (_: unknown, r: ItemView) =>
                    r.canEdit && (
                      <Button
                        type="link"
                        size="small"
                        onClick={(e) => {
                          // The row itself opens the drawer; this opens the form instead.
                          e.stopPropagation();
                          setEditing(r.id);
                        }}
                      >
                        {t('ledgers.editor.edit')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <LedgerDrawer id={openId} onClose={() => setOpenId(null)} onEdit={setEditing} />
      <LedgerFormModal
        open={editing !== null}
        id={typeof editing === 'number' ? editing : null}
        onClose={() => setEditing(null)}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </Space>
  );
}
