// Where a target moved between plan revisions (动态调整), as labelled marks for the trend chart:
// one per revision after the first that changed the target's value or dropped it.
import type { TFunction } from 'i18next';
import type { TargetDetail } from '../../api/analytics';

export function revisionMarks(
  detail: TargetDetail,
  t: TFunction,
): Array<{ date: string; label: string }> {
  const history = detail.history ?? [];
  return history.slice(1).map((h, i) => {
    const before = history[i]!;
    const label = h.present
      ? t('planChanges.trendMark', {
          n: h.revision,
          from: before.value ?? '—',
          to: h.value ?? '—',
        })
      : t('planChanges.trendDropped', { n: h.revision });
    return { date: h.effectiveFrom, label };
  });
}
