// A respondent's answers: skip logic, required questions, ranges and options, text cleaning.
// Answers to questions hidden by skip logic are dropped, so they never reach the index.
import { DEFAULT_TEXT_MAX, likertRange, type Problem, type Question, type ShowIf } from './survey';
import { stripControlCharacters } from './text';

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

export interface CheckedAnswers {
  answers: Answers;
  problems: Problem[];
}

/** Whether a question is shown, given the answers so far. */
export function isShown(showIf: ShowIf | undefined, answers: Readonly<Record<string, unknown>>) {
  if (!showIf) return true;
  const given = answers[showIf.questionId];
  if (given === undefined || given === null) return false;
  const values = showIf.values.map(String);
  return Array.isArray(given)
    ? given.some((v) => values.includes(String(v)))
    : (typeof given === 'string' || typeof given === 'number') && values.includes(String(given));
}

export function checkAnswers(questions: Question[], raw: Readonly<Record<string, unknown>>) {
  const known = new Set(questions.map((q) => q.id));
  const problems: Problem[] = Object.keys(raw)
    .filter((id) => !known.has(id))
    .map((id) => ({ field: id, message: `问卷中没有编号为“${id}”的题目` }));
  const answers: Answers = {};
  for (const q of questions) {
    if (!isShown(q.showIf, answers)) continue;
    const value = raw[q.id];
    if (value === undefined || value === null || value === '') {
      if (q.required) problems.push({ field: q.id, message: `第“${q.text}”题为必答题` });
      continue;
    }
    const checked = checkOne(q, value);
    if ('problem' in checked) problems.push({ field: q.id, message: checked.problem });
    else if (checked.value !== undefined) answers[q.id] = checked.value;
    else if (q.required) problems.push({ field: q.id, message: `第“${q.text}”题为必答题` });
  }
  return { answers, problems } satisfies CheckedAnswers;
}

type Checked = { value: AnswerValue | undefined } | { problem: string };

function checkOne(q: Question, value: unknown): Checked {
  switch (q.type) {
    case 'likert': {
      const { min, max } = likertRange(q.scale);
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
        return { problem: `“${q.text}”的评分须为 ${min}–${max} 的整数` };
      return { value: n };
    }
    case 'single': {
      if (typeof value !== 'string' || !q.options.some((o) => o.value === value))
        return { problem: `“${q.text}”的选项无效` };
      return { value };
    }
    case 'multiple': {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((v) => typeof v === 'string' && q.options.some((o) => o.value === v)))
        return { problem: `“${q.text}”含无效选项` };
      const unique = [...new Set(list as string[])];
      return { value: unique.length ? unique : undefined };
    }
    case 'text': {
      if (typeof value !== 'string') return { problem: `“${q.text}”须为文字` };
      const text = stripControlCharacters(value);
      const max = q.maxLength ?? DEFAULT_TEXT_MAX;
      if ([...text].length > max) return { problem: `“${q.text}”不能超过 ${max} 个字` };
      return { value: text || undefined };
    }
  }
}
