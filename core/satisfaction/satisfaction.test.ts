import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuestions, type Question } from './survey';
import { checkAnswers, isShown } from './answers';
import {
  indexFromMoments,
  momentsOf,
  addMoments,
  normalise,
  responseScores,
  OVERALL,
} from './satisfaction-index';
import { formulaSafe, stripControlCharacters } from './text';

const questions: Question[] = [
  { id: 'a', type: 'likert', scale: '1-5', domainCode: 'D01', text: '就业', required: true },
  {
    id: 'b',
    type: 'likert',
    scale: '0-10',
    domainCode: 'D01',
    text: '培训',
    required: false,
    weight: 3,
  },
  {
    id: 'c',
    type: 'single',
    text: '是否就医',
    required: true,
    options: [
      { value: 'y', label: '是' },
      { value: 'n', label: '否' },
    ],
  },
  {
    id: 'd',
    type: 'likert',
    scale: '1-5',
    domainCode: 'D03',
    text: '医疗',
    required: true,
    showIf: { questionId: 'c', values: ['y'] },
  },
  { id: 'e', type: 'text', text: '建议', required: false, maxLength: 5 },
];

describe('survey definitions', () => {
  it('accepts a valid survey', () => expect(checkQuestions(questions)).toEqual([]));
  it('names each problem with its field', () => {
    const problems = checkQuestions([
      { id: 'x', type: 'likert', scale: '1-5', domainCode: 'D11', text: ' ', required: true },
      {
        id: 'x',
        type: 'single',
        text: '选',
        required: true,
        options: [{ value: 'a', label: 'A' }],
      },
      {
        id: 'z',
        type: 'text',
        text: '文',
        required: true,
        showIf: { questionId: 'later', values: [1] },
      },
      { id: 'later', type: 'text', text: '后', required: true },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'questions.0.text',
      'questions.0.domainCode',
      'questions.1.id',
      'questions.1.options',
      'questions.2.showIf',
    ]);
  });
  it('refuses an empty survey', () =>
    expect(checkQuestions([])[0]?.message).toBe('问卷至少需要一道题'));
});

describe('answers', () => {
  it('applies skip logic: hidden questions are neither required nor kept', () => {
    const r = checkAnswers(questions, { a: 4, c: 'n', d: 5 });
    expect(r.problems).toEqual([]);
    expect(r.answers).toEqual({ a: 4, c: 'n' });
    const shown = checkAnswers(questions, { a: 4, c: 'y' });
    expect(shown.problems.map((p) => p.field)).toEqual(['d']);
  });
  it('refuses values out of range, unknown options and unknown questions', () => {
    const r = checkAnswers(questions, { a: 0, b: 10.5, c: 'maybe', zz: 1 });
    expect(r.problems.map((p) => p.field)).toEqual(['zz', 'a', 'b', 'c']);
    expect(r.problems[1]!.message).toBe('“就业”的评分须为 1–5 的整数');
  });
  it('accepts 0 on a 0–10 scale and numeric strings', () => {
    expect(checkAnswers(questions, { a: '5', b: 0, c: 'n' }).answers).toEqual({
      a: 5,
      b: 0,
      c: 'n',
    });
  });
  it('strips control characters before checking text length', () => {
    const r = checkAnswers(questions, { a: 1, c: 'n', e: '好\u0000\u0007的\u202E' });
    expect(r.answers.e).toBe('好的');
    expect(
      checkAnswers(questions, { a: 1, c: 'n', e: '一二三四五六' }).problems[0]!.message,
    ).toContain('5');
  });
  it('evaluates showIf against multiple-choice answers', () => {
    expect(isShown({ questionId: 'm', values: ['x'] }, { m: ['y', 'x'] })).toBe(true);
    expect(isShown({ questionId: 'm', values: [3] }, { m: 3 })).toBe(true);
    expect(isShown({ questionId: 'm', values: ['x'] }, {})).toBe(false);
  });
});

describe('satisfaction index', () => {
  it('normalises both scales to 0–100', () => {
    const five = questions[0] as Question & { type: 'likert' };
    const ten = questions[1] as Question & { type: 'likert' };
    expect([normalise(1, five), normalise(3, five), normalise(5, five)]).toEqual([0, 50, 100]);
    expect([normalise(0, ten), normalise(7, ten)]).toEqual([0, 70]);
  });
  it('weights items within a domain and keeps an overall score', () => {
    const s = responseScores(questions, { a: 5, b: 0, c: 'y', d: 3 });
    expect(s.get('D01')).toBe(25); // (100·1 + 0·3) / 4
    expect(s.get('D03')).toBe(50);
    expect(s.get(OVERALL)).toBe(30); // (100 + 0 + 50) / 5
  });
  it('says 样本不足 below the minimum n', () => {
    expect(indexFromMoments(momentsOf([80, 90]), 3)).toEqual({
      status: 'insufficient',
      n: 2,
      label: '样本不足',
    });
  });
  it('gives the mean and a 95% CI that match a direct computation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 30, maxLength: 300 }),
        (xs) => {
          const v = indexFromMoments(momentsOf(xs), 30);
          if (v.status !== 'ok') return false;
          const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
          const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
          const half = (1.96 * sd) / Math.sqrt(xs.length);
          return (
            Math.abs(v.index - mean) <= 0.051 &&
            Math.abs(v.ciLow - Math.max(0, mean - half)) <= 0.06 &&
            Math.abs(v.ciHigh - Math.min(100, mean + half)) <= 0.06
          );
        },
      ),
    );
  });
  it('adds moments the way the aggregate table does', () => {
    expect(addMoments(momentsOf([1, 2]), momentsOf([3]))).toEqual(momentsOf([1, 2, 3]));
  });
});

describe('text hygiene', () => {
  it('strips control and bidi characters, line breaks become spaces', () => {
    expect(stripControlCharacters(' a\r\nb\u0000c\u202Ed\u009F ')).toBe('a bcd');
  });
  it('neutralises spreadsheet formulas but keeps numbers', () => {
    expect(formulaSafe('=1+1')).toBe("'=1+1");
    expect(formulaSafe('+86 138')).toBe("'+86 138");
    expect(formulaSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(formulaSafe('-3')).toBe('-3');
    expect(formulaSafe('满意')).toBe('满意');
  });
});
