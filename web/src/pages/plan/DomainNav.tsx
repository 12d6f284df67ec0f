import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Plan } from '../../api/plan';
import { toChineseNumeral, unitNames } from './planFormat';
import styles from './PlanPage.module.css';

interface DomainNavProps {
  plan: Plan;
  selectedCode: string | undefined;
  onSelect: () => void;
}

/** The ten domains, numbered 一 … 十, each with its lead units. */
export function DomainNav({ plan, selectedCode, onSelect }: DomainNavProps) {
  const { t } = useTranslation();
  return (
    <Card
      title={<h2 className={styles.cardHeading}>{t('plan.domainListLabel')}</h2>}
      size="small"
      className={styles.domainNavCard}
      styles={{ body: { padding: 0 } }}
    >
      <nav aria-label={t('plan.domainListLabel')}>
        <ol className={styles.domainList}>
          {plan.domains.map((domain) => {
            const selected = domain.code === selectedCode;
            return (
              <li key={domain.code}>
                <Link
                  to={`/plan/${domain.code}`}
                  className={
                    selected ? `${styles.domainLink} ${styles.selected}` : styles.domainLink
                  }
                  aria-current={selected ? 'page' : undefined}
                  onClick={onSelect}
                  data-testid="domain-link"
                >
                  <span className={styles.domainNumeral} aria-hidden="true">
                    {toChineseNumeral(domain.number)}
                  </span>
                  <span className={styles.domainText}>
                    <span className={styles.domainName}>{domain.name}</span>
                    <span className={styles.domainLeads}>
                      {unitNames(plan, domain.leadUnits).join('、')}
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
    </Card>
  );
}
