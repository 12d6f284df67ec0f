import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Domain, Plan } from '../../api/plan';
import { TargetTable } from './TargetTable';
import { TaskList } from './TaskList';
import { toChineseNumeral, unitNames } from './planFormat';
import styles from './PlanPage.module.css';

interface DomainDetailProps {
  plan: Plan;
  domain: Domain;
  initialTask: number | null;
}

function DomainHeading({ domain }: { domain: Domain }) {
  return (
    <h2 id={`domain-${domain.code}`} className={styles.domainHeading}>
      {toChineseNumeral(domain.number)}、{domain.name}
    </h2>
  );
}

/** One domain: its summary, lead units, domain-level targets and tasks. */
export function DomainDetail({ plan, domain, initialTask }: DomainDetailProps) {
  const { t } = useTranslation();
  const domainTargets = domain.targets ?? [];
  return (
    <Card className={styles.domainCard} aria-labelledby={`domain-${domain.code}`}>
      <DomainHeading domain={domain} />
      <div className={styles.leadUnits}>
        <Typography.Text type="secondary">{t('plan.leadUnits')}：</Typography.Text>
        <Space size={[4, 4]} wrap>
          {unitNames(plan, domain.leadUnits).map((name) => (
            <Tag key={name} color="blue" variant="outlined">
              {name}
            </Tag>
          ))}
        </Space>
      </div>
      {domain.summary && (
        <Typography.Paragraph className={styles.domainSummary}>
          {domain.summary}
        </Typography.Paragraph>
      )}
      {domain.assumption && (
        <Alert
          className={styles.domainNote}
          type="info"
          showIcon
          icon={<InfoCircleOutlined />}
          title={`${t('plan.note')}：${domain.assumption}`}
        />
      )}
      {domainTargets.length > 0 && (
        <section className={styles.section}>
          <h3 className={styles.sectionHeading}>{t('plan.domainTargets')}</h3>
          <TargetTable
            targets={domainTargets}
            label={`${domain.name} — ${t('plan.domainTargets')}`}
          />
        </section>
      )}
      <section className={styles.section}>
        <h3 className={styles.sectionHeading}>
          {t('plan.tasks')}
          <Typography.Text type="secondary" className={styles.sectionCount}>
            {t('plan.taskCount', { count: domain.tasks.length })}
          </Typography.Text>
        </h3>
        <TaskList tasks={domain.tasks} initialTask={initialTask} />
      </section>
    </Card>
  );
}
