// 公开进展: the targets an administrator published, approved data only, no login — a light,
// single-column page that reads well on a phone.
import { usePublicProgress, STATUS_COLOURS } from '../../api/analytics';
import { useTranslation } from 'react-i18next';
import { formatPercent, goalText, withUnit } from '../dashboard/format';
import styles from './PublicProgressPage.module.css';

export default function PublicProgressPage() {
  const { t } = useTranslation();
  const progress = usePublicProgress();
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>{t('analyticsPage.publicTitle')}</h1>
      {progress.data && (
        <p className={styles.meta}>
          {progress.data.title} · {t('analyticsPage.asOf', { date: progress.data.asOf })}
        </p>
      )}
      {progress.isPending && <p className={styles.meta}>{t('common.loading')}</p>}
      {progress.isError && <p className={styles.meta}>{t('common.loadFailed')}</p>}
      {progress.data?.targets.length === 0 && (
        <p className={styles.meta}>{t('analyticsPage.publicEmpty')}</p>
      )}
      {progress.data?.targets.map((x) => (
        <article key={x.code} className={styles.card} data-target={x.code}>
          <div className={styles.domain}>{x.domainName}</div>
          <h2 className={styles.text}>{x.text}</h2>
          <div className={styles.row}>
            <span className={styles.value}>{withUnit(x.value, x.unit)}</span>
            <span className={styles.status} style={{ background: STATUS_COLOURS[x.status] }}>
              {t(`analyticsPage.status.${x.status}`)}
            </span>
          </div>
          <div className={styles.bar} aria-hidden>
            <div
              style={{
                width: `${Math.min(100, Math.max(0, x.progress ?? 0))}%`,
                background: STATUS_COLOURS[x.status],
              }}
            />
          </div>
          <div className={styles.meta}>
            {t('analyticsPage.goal')} {goalText({ ...x, band: null })} ·{' '}
            {t('analyticsPage.columns.progress')} {formatPercent(x.progress)}
          </div>
          <p className={styles.reason}>{x.reason}</p>
        </article>
      ))}
      <footer className={styles.meta}>{t('analyticsPage.publicFooter')}</footer>
    </main>
  );
}
