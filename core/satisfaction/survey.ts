// The survey format: questions (Likert items tagged with a plan domain, choices, short text),
// required flags and simple skip logic, and the checks a survey definition must pass.

export type LikertScale = '1-5' | '0-10';

/** Show a question only when an earlier question's answer is one of `values`. */
export interface ShowIf {
  questionId: string;
  values: Array<string | number>;
}

interface QuestionBase {
  id: string;
  text: string;
  required: boolean;
  showIf?: ShowIf;
}

export interface LikertQuestion extends QuestionBase {
  type: 'likert';
  scale: LikertScale;
  /** Plan domain code D01–D10 whose index this item feeds. */
  domainCode: string;
  /** Weight of this item within its domain's index (default 1). */
  weight?: number;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single' | 'multiple';
  options: Array<{ value: string; label: string }>;
}

export interface TextQuestion extends QuestionBase {
  type: 'text';
  maxLength?: number;
  /** The question asks for personal data (e.g. a phone number for a call-back). */
  personal?: boolean;
}

export type Question = LikertQuestion | ChoiceQuestion | TextQuestion;

export interface Problem {
  field: string;
  message: string;
}

export const DOMAIN_CODES = ['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D07', 'D08', 'D09', 'D10'];
export const DEFAULT_TEXT_MAX = 500;
export const MAX_QUESTIONS = 100;

export function likertRange(scale: LikertScale): { min: number; max: number } {
  return scale === '1-5' ? { min: 1, max: 5 } : { min: 0, max: 10 };
}

/** Problems of a survey's question list; empty when it can be used. */
export function checkQuestions(
  questions: Question[],
  domainCodes: readonly string[] = DOMAIN_CODES,
): Problem[] {
  const problems: Problem[] = [];
  if (questions.length === 0) problems.push({ field: 'questions', message: '问卷至少需要一道题' });
  if (questions.length > MAX_QUESTIONS)
    problems.push({ field: 'questions', message: `题目不能超过 ${MAX_QUESTIONS} 道` });
  const seen = new Map<string, Question>();
  questions.forEach((q, i) => {
    const field = `questions.${i}`;
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(q.id))
      problems.push({ field: `${field}.id`, message: '题目编号须为1–40位字母、数字、_ 或 -' });
    if (seen.has(q.id)) problems.push({ field: `${field}.id`, message: `题目编号“${q.id}”重复` });
    if (!q.text.trim()) problems.push({ field: `${field}.text`, message: '题干不能为空' });
    problems.push(...checkQuestion(q, field, domainCodes));
    if (q.showIf) problems.push(...checkShowIf(q.showIf, seen, `${field}.showIf`));
    seen.set(q.id, q);
  });
  return problems;
}

function checkQuestion(q: Question, field: string, domainCodes: readonly string[]): Problem[] {
  switch (q.type) {
    case 'likert':
      if (!domainCodes.includes(q.domainCode))
        return [{ field: `${field}.domainCode`, message: `未知的民生领域代码“${q.domainCode}”` }];
      if (q.weight !== undefined && !(q.weight > 0 && q.weight <= 100))
        return [{ field: `${field}.weight`, message: '权重须大于0且不超过100' }];
      return [];
    case 'single':
    case 'multiple': {
      if (q.options.length < 2)
        return [{ field: `${field}.options`, message: '选择题至少需要两个选项' }];
      const values = q.options.map((o) => o.value);
      if (new Set(values).size !== values.length)
        return [{ field: `${field}.options`, message: '选项值不能重复' }];
      return [];
    }
    case 'text':
      if (q.maxLength !== undefined && !(q.maxLength >= 1 && q.maxLength <= 2000))
        return [{ field: `${field}.maxLength`, message: '文字题长度上限须在1–2000之间' }];
      return [];
  }
}

function checkShowIf(showIf: ShowIf, earlier: Map<string, Question>, field: string): Problem[] {
  const target = earlier.get(showIf.questionId);
  if (!target)
    return [{ field, message: `跳题条件只能引用前面的题目（未找到“${showIf.questionId}”）` }];
  if (target.type === 'text') return [{ field, message: '跳题条件不能引用文字题' }];
  if (showIf.values.length === 0) return [{ field, message: '跳题条件至少需要一个取值' }];
  return [];
}
