// The supervision office's rule settings: each rule on/off with its thresholds and level, the
// reply deadline of each level, and a button to run the rules at once.
import {
  Alert,
  App,
  Button,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { useRules, useRunRules, useSaveRules, type Rule } from '../../../api/supervision';

const LEVELS = ['general', 'key', 'listed'] as const;
type Params = Record<string, unknown>;

function ParamEditor({ rule, onChange }: { rule: Rule; onChange: (p: Params) => void }) {
  const { t } = useTranslation();
  const p = rule.params;
  const levelSelect = (key: string) => (
    <Select
      aria-label={key}
      size="small"
      style={{ width: 110 }}
      value={p[key] as string}
      onChange={(v) => onChange({ ...p, [key]: v })}
      options={LEVELS.map((l) => ({ value: l, label: t(`supervisionBoard.levels.${l}`) }))}
    />
  );
  const number = (key: string) => (
    <InputNumber
      aria-label={key}
      size="small"
      min={1}
      value={p[key] as number}
      onChange={(v) => onChange({ ...p, [key]: v ?? 0 })}
    />
  );
  const label = (key: 'days' | 'keyDays' | 'level' | 'keyLevel' | 'periods') =>
    t(`supervisionBoard.rules.params.${key}`);
  if (rule.code === 'reply-deadlines')
    return (
      <Space direction="vertical" size={4}>
        {LEVELS.map((level) => {
          const d = p[level] as { days: number; dayKind: 'calendar' | 'working' };
          return (
            <Space key={level}>
              <span>
                {t('supervisionBoard.rules.deadlineDays', {
                  level: t(`supervisionBoard.levels.${level}`),
                })}
              </span>
              <InputNumber
                size="small"
                min={1}
                value={d.days}
                onChange={(v) => onChange({ ...p, [level]: { ...d, days: v ?? 0 } })}
              />
              <Select
                size="small"
                style={{ width: 100 }}
                value={d.dayKind}
                onChange={(v) => onChange({ ...p, [level]: { ...d, dayKind: v } })}
                options={(['calendar', 'working'] as const).map((k) => ({
                  value: k,
                  label: t(`supervisionBoard.rules.dayKind.${k}`),
                }))}
              />
            </Space>
          );
        })}
      </Space>
    );
  const keys = Object.keys(p) as Array<'days' | 'keyDays' | 'level' | 'keyLevel' | 'periods'>;
  return (
    <Space wrap>
      {keys.map((k) => (
        <Space key={k} size={4}>
          <span>{label(k)}</span>
          {k === 'level' || k === 'keyLevel' ? levelSelect(k) : number(k)}
        </Space>
      ))}
    </Space>
  );
}

export function RulesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useRules();
  const save = useSaveRules();
  const run = useRunRules();
  // Edits over the stored settings; dropped on close so the next opening starts afresh.
  const [edited, setEdited] = useState<Rule[] | null>(null);
  const draft = edited ?? rules.data ?? [];
  const close = () => {
    setEdited(null);
    onClose();
  };

  const update = (code: string, patch: Partial<Rule>) =>
    setEdited((d) =>
      (d ?? rules.data ?? []).map((r) => (r.code === code ? { ...r, ...patch } : r)),
    );

  return (
    <Modal
      open={open}
      title={t('supervisionBoard.rules.title')}
      width={860}
      onCancel={close}
      footer={
        <Space>
          <Button
            loading={run.isPending}
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: (r) => void message.success(t('supervisionBoard.rules.ran', r)),
              })
            }
          >
            {t('supervisionBoard.rules.run')}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                draft.map(({ code, enabled, params }) => ({ code, enabled, params })),
                { onSuccess: () => void message.success(t('supervisionBoard.rules.saved')) },
              )
            }
          >
            {t('supervisionBoard.rules.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('supervisionBoard.rules.help')}
      </Typography.Paragraph>
      {(save.isError || run.isError) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(save.error ?? run.error)}
        />
      )}
      <Table<Rule>
        size="small"
        rowKey="code"
        pagination={false}
        loading={rules.isLoading}
        dataSource={draft}
        columns={[
          { title: '', dataIndex: 'name', width: 170 },
          {
            title: t('supervisionBoard.rules.enabled'),
            key: 'enabled',
            width: 70,
            render: (_, r) =>
              r.code === 'reply-deadlines' ? null : (
                <Switch
                  aria-label={r.name}
                  checked={r.enabled}
                  onChange={(v) => update(r.code, { enabled: v })}
                />
              ),
          },
          {
            title: '',
            key: 'params',
            render: (_, r) => (
              <ParamEditor rule={r} onChange={(params) => update(r.code, { params })} />
            ),
          },
        ]}
      />
    </Modal>
  );
}
