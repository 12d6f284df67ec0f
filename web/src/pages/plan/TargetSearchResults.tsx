import { Button, Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Plan } from '../../api/plan';
import { searchTargets, toChineseNumeral, type TargetMatch } from './planFormat';
import { useTargetColumns, type TargetRow } from './TargetTable';
import styles from './PlanPage.module.css';

interface MatchRow extends TargetRow {
  match: TargetMatch;
}

function MatchPlace({ match, onOpen }: { match: TargetMatch; onOpen: () => void }) {
  const { domain, task } = match;
  const domainLabel = `${toChineseNumeral(domain.number)}、${domain.name}`;
  const to = task ? `/plan/${domain.code}?task=${task.number}` : `/plan/${domain.code}`;
  return (
    <Link to={to} onClick={onOpen} className={styles.matchPlace}>
      <span className={styles.matchDomain}>{domainLabel}</span>
      {task && (
        <span className={styles.matchTask}>
          {task.number}. {task.title}
        </span>
      )}
    </Link>
  );
}

interface TargetSearchResultsProps {
  plan: Plan;
  query: string;
  onClear: () => void;
}

/** Targets across the whole plan whose text contains the query, with where they belong. */
export function TargetSearchResults({ plan, query, onClear }: TargetSearchResultsProps) {
  const { t } = useTranslation();
  const columns = useTargetColumns<MatchRow>(query, (row) => (
    <MatchPlace match={row.match} onOpen={onClear} />
  ));
  const matches = searchTargets(plan, query);
  const rows: MatchRow[] = matches.map((match) => ({
    key: `${match.domain.code}/${match.target.code}`,
    target: match.target,
    match,
  }));
  const heading = matches.length
    ? t('plan.searchResults', { count: matches.length, query: query.trim() })
    : t('plan.searchEmpty', { query: query.trim() });

  return (
    <Card
      className={styles.domainCard}
      title={
        <h2 className={styles.cardHeading} aria-live="polite">
          {heading}
        </h2>
      }
      extra={<Button onClick={onClear}>{t('plan.clearSearch')}</Button>}
    >
      {matches.length > 0 ? (
        <Table<MatchRow>
          size="small"
          bordered
          pagination={false}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 760 }}
          caption={<span className={styles.visuallyHidden}>{heading}</span>}
          data-testid="search-results"
        />
      ) : (
        <Empty description={heading} />
      )}
    </Card>
  );
}
