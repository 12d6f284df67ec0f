// The public portal (公开进展): published targets with approved values only, and the 12345
// consumer-complaint disclosure (公示). Plain TypeScript like the survey page — no React, no
// antd — so it opens fast on a phone; the data comes from the two public API routes.
import './portal.css';
import type { Static } from '@sinclair/typebox';
import type { PublicProgressResponse } from '../../../server/src/modules/analytics/analytics.schema';
import { el } from '../light/dom';
import { formatPercent, goalText, STATUS_COLOURS, withUnit } from '../pages/dashboard/format';
import type { disclosure } from '../../../server/src/modules/hotline/hotline.service';
import type { PublicCasesResponse } from '../../../server/src/modules/cases/cases.schema';

type Progress = Static<typeof PublicProgressResponse>;
type PublishedTarget = Progress['targets'][number];
type Disclosure = Awaited<ReturnType<typeof disclosure>>;

const STATUS_TEXT: Record<PublishedTarget['status'], string> = {
  achieved: '已完成',
  on_track: '正常推进',
  at_risk: '存在风险',
  off_track: '进度滞后',
  no_data: '暂无数据',
};

const root = document.getElementById('portal')!;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

function targetCard(x: PublishedTarget): HTMLElement {
  const colour = STATUS_COLOURS[x.status];
  const bar = el('div', { class: 'bar', 'aria-hidden': 'true' }, el('div'));
  const fill = bar.firstElementChild as HTMLElement;
  fill.style.width = `${Math.min(100, Math.max(0, x.progress ?? 0))}%`;
  fill.style.background = colour;
  const badge = el('span', { class: 'status' }, STATUS_TEXT[x.status]);
  badge.style.background = colour;
  return el(
    'article',
    { class: 'card', 'data-target': x.code },
    el('div', { class: 'domain' }, x.domainName),
    el('h3', { class: 'text' }, x.text),
    el('div', { class: 'row' }, el('span', { class: 'value' }, withUnit(x.value, x.unit)), badge),
    bar,
    el(
      'div',
      { class: 'meta' },
      `目标 ${goalText({ ...x, band: null })} · 进度 ${formatPercent(x.progress)}`,
    ),
    el('p', { class: 'reason' }, x.reason),
  );
}

function progressSection(p: Progress): HTMLElement {
  const section = el(
    'section',
    { 'aria-labelledby': 'progress-title' },
    el('h2', { id: 'progress-title' }, '指标进展'),
    el('p', { class: 'meta' }, `数据截至 ${p.asOf}`),
  );
  if (!p.targets.length) section.append(el('p', { class: 'meta' }, '暂无公开的指标'));
  section.append(...p.targets.map(targetCard));
  return section;
}

function disclosureSection(d: Disclosure): HTMLElement {
  const section = el(
    'section',
    { 'aria-labelledby': 'disclosure-title' },
    el('h2', { id: 'disclosure-title' }, '12345消费投诉信息公示'),
  );
  if (!d.month || !d.cities.length) {
    section.append(el('p', { class: 'meta' }, '暂无公示数据'));
    return section;
  }
  section.append(
    el('p', { class: 'meta' }, `${d.month} · 按时办结率目标 ≥${d.target}%`),
    el(
      'table',
      { class: 'table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['地市', '受理', '办结', '按时办结率'].map((h) => el('th', { scope: 'col' }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        ...d.cities.map((c) =>
          el(
            'tr',
            { class: c.meetsTarget === false ? 'below' : '' },
            el('th', { scope: 'row' }, c.cityName),
            el('td', {}, String(c.received)),
            el('td', {}, String(c.closed)),
            el('td', {}, formatPercent(c.onTimeRate)),
          ),
        ),
      ),
    ),
  );
  return section;
}

/** 优秀案例: the published winners of every call, best first within a call. */
function casesSection(d: PublicCasesResponse): HTMLElement {
  const section = el(
    'section',
    { 'aria-labelledby': 'cases-title' },
    el('h2', { id: 'cases-title' }, '优秀案例'),
  );
  if (!d.cases.length) section.append(el('p', { class: 'meta' }, '暂无公布的优秀案例'));
  for (const c of d.cases)
    section.append(
      el(
        'article',
        { class: 'card', 'data-case': String(c.id) },
        el('div', { class: 'domain' }, `${c.callTitle} · 第 ${c.rank} 名 · ${c.score} 分`),
        el('h3', { class: 'text' }, c.title),
        el('div', { class: 'meta' }, `${c.unitName} · ${c.domainName}`),
        el('p', { class: 'reason' }, c.summary),
        el('p', { class: 'meta' }, `成效：${c.results}`),
        ...(c.figures.length
          ? [
              el(
                'p',
                { class: 'meta' },
                c.figures
                  .map((f) => `${f.label} ${f.value.toLocaleString('zh-CN')}${f.unit}`)
                  .join(' · '),
              ),
            ]
          : []),
        ...c.attachments.map((a) => el('a', { href: a.url, class: 'meta' }, `附件：${a.fileName}`)),
      ),
    );
  return section;
}

async function start(): Promise<void> {
  const [progress, disclosure, cases] = await Promise.allSettled([
    getJson<Progress>('/api/public/progress'),
    getJson<Disclosure>('/api/public/hotline/disclosure'),
    getJson<PublicCasesResponse>('/api/public/cases'),
  ]);
  const header = el(
    'header',
    {},
    el('h1', { class: 'title' }, '民生十大工程 公开进展'),
    el('p', { class: 'meta' }, '广东省“民生十大工程”五年行动计划（2023—2027年）'),
  );
  root.replaceChildren(
    header,
    progress.status === 'fulfilled'
      ? progressSection(progress.value)
      : el('p', { class: 'meta', role: 'alert' }, '指标进展加载失败，请稍后刷新重试。'),
    disclosure.status === 'fulfilled'
      ? disclosureSection(disclosure.value)
      : el('p', { class: 'meta', role: 'alert' }, '投诉公示加载失败，请稍后刷新重试。'),
    cases.status === 'fulfilled'
      ? casesSection(cases.value)
      : el('p', { class: 'meta', role: 'alert' }, '优秀案例加载失败，请稍后刷新重试。'),
    el('footer', { class: 'meta' }, '数据为已审核数据，由广东省人民政府办公厅发布'),
  );
}

void start();
