// The satisfaction index: each response scores every domain it rated on 0–100 (weighted mean of
// its Likert items in that domain); a domain × place × wave index is the mean of those scores,
// with a 95% confidence interval, and "样本不足" when fewer than the minimum respondents rated it.
import { likertRange, type Question } from './survey';
import type { Answers } from './answers';

/** Pseudo-domain that carries the overall score (all Likert items of a response). */
export const OVERALL = 'ALL';
export const DEFAULT_MIN_N = 30;
const Z95 = 1.959963984540054;

/** One Likert answer on the 0–100 scale. */
export function normalise(value: number, scale: Question & { type: 'likert' }): number {
  const { min, max } = likertRange(scale.scale);
  return ((value - min) / (max - min)) * 100;
}

/** A response's score per domain it rated, plus OVERALL over all its Likert items. */
export function responseScores(questions: Question[], answers: Answers): Map<string, number> {
  const sums = new Map<string, { weighted: number; weights: number }>();
  const add = (key: string, score: number, weight: number) => {
    const s = sums.get(key) ?? { weighted: 0, weights: 0 };
    s.weighted += score * weight;
    s.weights += weight;
    sums.set(key, s);
  };
  for (const q of questions) {
    const value = answers[q.id];
    if (q.type !== 'likert' || typeof value !== 'number') continue;
    const score = normalise(value, q);
    const weight = q.weight ?? 1;
    add(q.domainCode, score, weight);
    add(OVERALL, score, weight);
  }
  return new Map([...sums].map(([k, s]) => [k, s.weighted / s.weights]));
}

/** Running totals kept per wave × place × domain: enough for a mean and its variance. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export type IndexValue =
  | { status: 'ok'; n: number; index: number; ciLow: number; ciHigh: number }
  | { status: 'insufficient'; n: number; label: '样本不足' };

/** The index with its 95% CI from moments; '样本不足' below `minN` respondents. */
export function indexFromMoments(m: Moments, minN = DEFAULT_MIN_N): IndexValue {
  if (m.n < Math.max(minN, 2)) return { status: 'insufficient', n: m.n, label: '样本不足' };
  const mean = m.sum / m.n;
  const variance = Math.max(0, (m.sumSq - m.n * mean * mean) / (m.n - 1));
  const half = Z95 * Math.sqrt(variance / m.n);
  return {
    status: 'ok',
    n: m.n,
    index: round1(mean),
    ciLow: round1(Math.max(0, mean - half)),
    ciHigh: round1(Math.min(100, mean + half)),
  };
}

export function addMoments(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

export function momentsOf(scores: number[]): Moments {
  return scores.reduce((m, x) => addMoments(m, { n: 1, sum: x, sumSq: x * x }), {
    n: 0,
    sum: 0,
    sumSq: 0,
  });
}

const round1 = (x: number) => Math.round(x * 10) / 10;
