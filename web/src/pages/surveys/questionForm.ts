// Converts between the builder form's flat question rows and the survey format.
import type { Question } from '../../api/surveys';

export interface QuestionRow {
  id: string;
  type: Question['type'];
  text: string;
  required: boolean;
  scale?: '1-5' | '0-10';
  domainCode?: string;
  weight?: number;
  /** One option per line; the option's value is its position (o1, o2, …). */
  optionsText?: string;
  showIfQuestion?: string;
  /** Comma-separated values (option values or scores) that show the question. */
  showIfValues?: string;
  personal?: boolean;
}

export function toQuestion(row: QuestionRow): Question {
  const base = {
    id: row.id.trim(),
    text: row.text.trim(),
    required: !!row.required,
    ...(row.showIfQuestion
      ? {
          showIf: {
            questionId: row.showIfQuestion,
            values: (row.showIfValues ?? '')
              .split(/[,，]/)
              .map((v) => v.trim())
              .filter(Boolean),
          },
        }
      : {}),
  };
  switch (row.type) {
    case 'likert':
      return {
        ...base,
        type: 'likert',
        scale: row.scale ?? '1-5',
        domainCode: row.domainCode ?? 'D01',
        ...(row.weight && row.weight !== 1 ? { weight: row.weight } : {}),
      };
    case 'single':
    case 'multiple':
      return {
        ...base,
        type: row.type,
        options: (row.optionsText ?? '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((label, i) => ({ value: `o${i + 1}`, label })),
      };
    case 'text':
      return { ...base, type: 'text', ...(row.personal ? { personal: true } : {}) };
  }
}

export function toRow(q: Question): QuestionRow {
  const row: QuestionRow = {
    id: q.id,
    type: q.type,
    text: q.text,
    required: q.required,
    showIfQuestion: q.showIf?.questionId,
    showIfValues: q.showIf?.values.join(','),
  };
  if (q.type === 'likert')
    Object.assign(row, { scale: q.scale, domainCode: q.domainCode, weight: q.weight ?? 1 });
  if (q.type === 'single' || q.type === 'multiple')
    row.optionsText = q.options.map((o) => o.label).join('\n');
  if (q.type === 'text') row.personal = q.personal ?? false;
  return row;
}
