// The entry grid: one row per data element with last period's value, an input for this period
// and a comment, and the checks inline. Enter / Shift+Enter move down / up in the same column
// and Tab moves right, as in a spreadsheet.
import { Input, InputNumber, Table, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridCell } from '../../api/reporting';

export interface Draft {
  value: number | null;
  comment: string;
}

export type Drafts = Record<string, Draft>;

export const draftOf = (cell: GridCell, drafts: Drafts): Draft =>
  drafts[cell.elementCode] ?? { value: cell.value, comment: cell.comment ?? '' };

export function isDirty(cell: GridCell, drafts: Drafts): boolean {
  const draft = drafts[cell.elementCode];
  return !!draft && (draft.value !== cell.value || draft.comment !== (cell.comment ?? ''));
}

const cellId = (column: 'value' | 'comment', row: number) => `reporting-cell-${column}-${row}`;

function moveOnEnter(
  event: KeyboardEvent<HTMLInputElement>,
  column: 'value' | 'comment',
  row: number,
) {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  const target = document.getElementById(cellId(column, row + (event.shiftKey ? -1 : 1)));
  if (target instanceof HTMLInputElement) {
    target.focus();
    target.select();
  }
}

export function ValueGrid(props: {
  cells: GridCell[];
  drafts: Drafts;
  editable: boolean;
  /** Messages from the last save, by element code. */
  errors: Record<string, string[]>;
  onChange: (elementCode: string, draft: Draft) => void;
}) {
  const { t } = useTranslation();
  const { cells, drafts, editable, errors, onChange } = props;
  return (
    <Table<GridCell>
      rowKey="elementCode"
      size="middle"
      pagination={false}
      dataSource={cells}
      data-testid="value-grid"
      columns={[
        {
          title: t('reportingPage.columns.element'),
          dataIndex: 'name',
          render: (name: string, cell) => (
            <span>
              {name}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {cell.elementCode}
              </Typography.Text>
            </span>
          ),
        },
        { title: t('reportingPage.columns.unit'), dataIndex: 'unit', width: 90 },
        {
          title: t('reportingPage.columns.previous'),
          dataIndex: 'previousValue',
          width: 120,
          align: 'right',
          render: (v: number | null) => (v === null ? '—' : v.toLocaleString()),
        },
        {
          title: t('reportingPage.columns.value'),
          width: 170,
          render: (_: unknown, cell, row) => (
            <InputNumber<number>
              id={cellId('value', row)}
              aria-label={`${cell.name} ${t('reportingPage.columns.value')}`}
              style={{ width: '100%' }}
              value={draftOf(cell, drafts).value}
              disabled={!editable}
              status={errors[cell.elementCode]?.length ? 'error' : undefined}
              min={cell.valueType === 'decimal' ? undefined : 0}
              max={cell.valueType === 'percentage' ? 100 : undefined}
              precision={cell.valueType === 'integer' ? 0 : undefined}
              onChange={(value) =>
                onChange(cell.elementCode, { ...draftOf(cell, drafts), value: value ?? null })
              }
              onKeyDown={(e) => moveOnEnter(e, 'value', row)}
            />
          ),
        },
        {
          title: t('reportingPage.columns.comment'),
          width: 240,
          render: (_: unknown, cell, row) => (
            <Input
              id={cellId('comment', row)}
              aria-label={`${cell.name} ${t('reportingPage.columns.comment')}`}
              value={draftOf(cell, drafts).comment}
              disabled={!editable}
              maxLength={500}
              onChange={(e) =>
                onChange(cell.elementCode, { ...draftOf(cell, drafts), comment: e.target.value })
              }
              onKeyDown={(e) => moveOnEnter(e, 'comment', row)}
            />
          ),
        },
        {
          title: t('reportingPage.columns.checks'),
          width: 260,
          render: (_: unknown, cell) => (
            <Checks cell={cell} errors={errors[cell.elementCode] ?? []} />
          ),
        },
      ]}
    />
  );
}

function Checks({ cell, errors }: { cell: GridCell; errors: string[] }) {
  const { t } = useTranslation();
  const lines = [
    ...errors.map((message) => ({ type: 'danger' as const, message })),
    ...cell.issues.map((i) => ({
      type: i.severity === 'blocking' ? ('danger' as const) : ('warning' as const),
      message: i.message,
    })),
    ...(cell.needsComment && !cell.comment
      ? [{ type: 'warning' as const, message: t('reportingPage.commentRequired') }]
      : []),
  ];
  return (
    <div data-testid={`checks-${cell.elementCode}`}>
      {lines.map((line, i) => (
        <Typography.Text key={i} type={line.type} style={{ display: 'block', fontSize: 12 }}>
          {line.message}
        </Typography.Text>
      ))}
    </div>
  );
}
