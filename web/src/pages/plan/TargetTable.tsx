import { InfoCircleOutlined } from '@ant-design/icons';
import { Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Target, TargetKind } from '../../api/plan';
import { Highlight } from './Highlight';
import { formatDeadline, formatScope, formatTargetValue } from './planFormat';
import styles from './PlanPage.module.css';

const kindColours: Record<TargetKind, string> = {
  cumulative: 'blue',
  level: 'cyan',
  annual: 'gold',
  maintain: 'green',
};

function KindTag({ kind }: { kind: TargetKind }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`plan.kindHints.${kind}`)}>
      <Tag color={kindColours[kind]} className={styles.kindTag}>
        {t(`plan.kinds.${kind}`)}
      </Tag>
    </Tooltip>
  );
}

function TargetText({ target, query }: { target: Target; query: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className={styles.targetText}>
        <Highlight text={target.text} query={query} />
      </div>
      {target.assumption && (
        <div className={styles.note}>
          <InfoCircleOutlined aria-hidden="true" /> {t('plan.note')}：{target.assumption}
        </div>
      )}
    </>
  );
}

function ScopeCell({ scope }: { scope: Target['scope'] }) {
  const { t } = useTranslation();
  const { label, note } = formatScope(scope, t);
  return (
    <>
      <div>{label}</div>
      {note && <div className={styles.cellNote}>{note}</div>}
    </>
  );
}

export interface TargetRow {
  key: string;
  target: Target;
}

/**
 * The table columns shared by a task's targets and the search results; `renderPlace` puts a
 * line above the original text (where the target sits in the plan).
 */
export function useTargetColumns<Row extends TargetRow>(
  query: string,
  renderPlace?: (row: Row) => ReactNode,
): TableColumnsType<Row> {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  return [
    {
      key: 'text',
      title: t('plan.columns.text'),
      render: (_, row) => (
        <>
          {renderPlace?.(row)}
          <TargetText target={row.target} query={query} />
        </>
      ),
    },
    {
      key: 'indicator',
      title: t('plan.columns.indicator'),
      width: '17%',
      render: (_, { target }) => <Highlight text={target.indicator} query={query} />,
    },
    {
      key: 'target',
      title: t('plan.columns.target'),
      width: 120,
      render: (_, { target }) => (
        <Typography.Text strong className={styles.targetValue}>
          {formatTargetValue(target, t, language)}
        </Typography.Text>
      ),
    },
    {
      key: 'kind',
      title: t('plan.columns.kind'),
      width: 76,
      render: (_, { target }) => <KindTag kind={target.kind} />,
    },
    {
      key: 'deadline',
      title: t('plan.columns.deadline'),
      width: 104,
      render: (_, { target }) => (
        <span title={target.deadline}>{formatDeadline(target.deadline, t, language)}</span>
      ),
    },
    {
      key: 'scope',
      title: t('plan.columns.scope'),
      width: 110,
      render: (_, { target }) => <ScopeCell scope={target.scope} />,
    },
  ];
}

interface TargetTableProps {
  targets: readonly Target[];
  /** Read out by screen readers as the table's caption. */
  label: string;
  query?: string;
}

/** A task's (or a domain's) quantitative targets, one row each, in plan order. */
export function TargetTable({ targets, label, query = '' }: TargetTableProps) {
  const columns = useTargetColumns<TargetRow>(query);
  const rows: TargetRow[] = targets.map((target) => ({ key: target.code, target }));
  return (
    <Table<TargetRow>
      className={styles.targetTable}
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 760 }}
      caption={<span className={styles.visuallyHidden}>{label}</span>}
    />
  );
}
