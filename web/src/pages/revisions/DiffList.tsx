// Target differences in words: "T01.1 城镇新增就业人数 · 目标值 550 → 500", one line each.
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanDiff } from '../../api/planRevisions';

type TargetDiff = PlanDiff['targets'][number];

const CHANGE_COLOURS = { added: 'green', removed: 'red', changed: 'blue' } as const;

function shown(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function DiffList({ diffs }: { diffs: TargetDiff[] }) {
  const { t } = useTranslation();
  const field = (f: string) =>
    (t as (k: string, o: { defaultValue: string }) => string)(`planChanges.field.${f}`, {
      defaultValue: f,
    });
  return (
    <div data-testid="diff-list">
      {diffs.map((d) => (
        <div key={d.code} data-diff={d.code}>
          <Tag color={CHANGE_COLOURS[d.change]}>{t(`planChanges.change.${d.change}`)}</Tag>
          <Typography.Text strong>{d.code}</Typography.Text> {d.indicator}
          {d.fields.map((f) => (
            <div key={f.field} style={{ paddingLeft: 24 }}>
              <Typography.Text type="secondary">{field(f.field)}</Typography.Text>{' '}
              <Typography.Text delete>{shown(f.from)}</Typography.Text> →{' '}
              <Typography.Text strong>{shown(f.to)}</Typography.Text>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
