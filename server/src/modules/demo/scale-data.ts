// The full-scale data set (`minsheng seed-demo --scale full`), pure and streaming: every data
// element monthly in every county-level unit over the plan's years, survey responses over
// quarterly waves and 12345 tickets over the months — each a generator, so ten million rows
// never sit in memory at once. Same seed, same rows (mulberry32 from demo-data).
import type { Plan } from '../../../../core/plan/schema';
import type { LikertQuestion } from '../../../../core/satisfaction/survey';
import { beijingMonth, isConsumerCategory } from '../../../../core/satisfaction/hotline';
import { demoValueStream, seededRandom, type DemoUnit, type DemoValue } from './demo-data';

export const FULL_SCALE = { years: 5, responses: 10_000_000, tickets: 1_000_000 };

/** A city with its counties (empty for cities without counties), as demo weights. */
export interface ScalePlace {
  city: string;
  counties: string[];
  /** Share of the province's population. */
  weight: number;
  performance: number;
}

export function scalePlaces(units: DemoUnit[]): ScalePlace[] {
  return units
    .filter((u) => u.level === 'city')
    .map((c) => ({
      city: c.code,
      counties: units
        .filter((u) => u.level === 'county' && u.code.slice(0, 4) === c.code.slice(0, 4))
        .map((u) => u.code),
      weight: c.weight,
      performance: c.performance,
    }));
}

/** The months of the volume: `years` calendar years from the plan's first year. */
export function scaleMonths(plan: Plan, years: number): string[] {
  const first = Number(plan.start.slice(0, 4));
  const months: string[] = [];
  for (let y = first; y < first + years; y++)
    for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
  return months;
}

/**
 * Every data element, every month, every county-level reporting unit (the counties and the
 * cities without counties, so every city's total is there): the demo generator with each
 * element read as a monthly, county-reported one. Ratios keep numerator ≤ denominator.
 */
export function scaleValues(
  plan: Plan,
  units: DemoUnit[],
  seed: number,
  years: number,
): Generator<DemoValue> {
  const monthly: Plan = {
    ...plan,
    dataElements: plan.dataElements.map((e) => ({
      ...e,
      periodType: 'month',
      reportedBy: ['county'],
    })),
  };
  const end = new Date(Date.UTC(Number(plan.start.slice(0, 4)) + years, 0, 1));
  return demoValueStream(monthly, units, seed, end);
}

// ── Survey responses ──────────────────────────────────────────────────────────────────────

export const SCALE_SURVEY_TITLE = '全省民生满意度调查（规模数据）';

export const SCALE_QUESTIONS: LikertQuestion[] = [
  { id: 'q1', type: 'likert', scale: '1-5', domainCode: 'D01', text: '就业服务', required: true },
  { id: 'q2', type: 'likert', scale: '1-5', domainCode: 'D02', text: '教育', required: true },
  { id: 'q3', type: 'likert', scale: '0-10', domainCode: 'D03', text: '医疗服务', required: true },
  { id: 'q4', type: 'likert', scale: '1-5', domainCode: 'D07', text: '交通出行', required: true },
  { id: 'q5', type: 'likert', scale: '1-5', domainCode: 'D09', text: '社会保障', required: true },
];

/** Quarterly waves over the years: code, opening and closing instants. */
export function scaleWaves(plan: Plan, years: number) {
  const first = Number(plan.start.slice(0, 4));
  const waves: Array<{ code: string; opensAt: string; closesAt: string }> = [];
  for (let y = first; y < first + years; y++)
    for (let q = 0; q < 4; q++)
      waves.push({
        code: `${y}Q${q + 1}`,
        opensAt: new Date(Date.UTC(y, q * 3, 1) - 8 * 3600_000).toISOString(),
        closesAt: new Date(Date.UTC(y, q * 3 + 3, 1) - 8 * 3600_000).toISOString(),
      });
  return waves;
}

export interface ScaleResponse {
  /** Index into the waves. */
  wave: number;
  city: string;
  county: string | null;
  respondent: string;
  answers: Record<string, number>;
  submittedAt: string;
}

/** Picks a place by population weight in O(1): a 4096-slot table. */
function placePicker(places: ScalePlace[], random: () => number): () => ScalePlace {
  const slots: ScalePlace[] = [];
  const total = places.reduce((a, p) => a + p.weight, 0);
  for (const p of places) {
    const n = Math.max(1, Math.round((p.weight / total) * 4096));
    for (let i = 0; i < n; i++) slots.push(p);
  }
  return () => slots[Math.floor(random() * slots.length)]!;
}

function likert(q: LikertQuestion, performance: number, random: () => number): number {
  const [min, max] = q.scale === '0-10' ? [0, 10] : [1, 5];
  // Better-performing places answer a little higher; answers spread around ~72% of the scale.
  const mean = min + (max - min) * (0.72 + (performance - 1) * 1.5);
  const spread = (max - min) * 0.22;
  const x = mean + (random() + random() + random() - 1.5) * 2 * spread;
  return Math.min(max, Math.max(min, Math.round(x)));
}

export function* scaleResponses(
  seed: number,
  places: ScalePlace[],
  waves: Array<{ opensAt: string; closesAt: string }>,
  count: number,
  questions: LikertQuestion[] = SCALE_QUESTIONS,
): Generator<ScaleResponse> {
  const random = seededRandom(seed + 11);
  const pick = placePicker(places, random);
  const bounds = waves.map((w) => [Date.parse(w.opensAt), Date.parse(w.closesAt)] as const);
  for (let i = 0; i < count; i++) {
    const wave = Math.floor((i * waves.length) / count);
    const place = pick();
    // One in ten answers came through a city-wide link (no county).
    const county =
      place.counties.length && random() >= 0.1
        ? place.counties[Math.floor(random() * place.counties.length)]!
        : null;
    const answers: Record<string, number> = {};
    for (const q of questions) answers[q.id] = likert(q, place.performance, random);
    const [from, to] = bounds[wave]!;
    yield {
      wave,
      city: place.city,
      county,
      // Zero-padded so each wave's respondents arrive in index order.
      respondent: `demo${seed}-${String(i).padStart(9, '0')}`,
      answers,
      submittedAt: new Date(from + Math.floor(random() * (to - from))).toISOString(),
    };
  }
}

// ── 12345 tickets ─────────────────────────────────────────────────────────────────────────

export const SCALE_TICKET_PREFIX = 'DEMO12345-';

const CATEGORIES = [
  '消费维权',
  '城市管理',
  '交通出行',
  '医疗卫生',
  '教育',
  '住房保障',
  '社会保障',
  '环境保护',
];

export interface ScaleTicket {
  ticket_id: string;
  received_at: string;
  due_at: string;
  closed_at: string | null;
  month: string;
  category: string;
  consumer: number;
  city_code: string;
  county_code: string | null;
  status: string;
  on_time: number | null;
}

/** Tickets spread evenly over the months; the last month's are partly still open. */
export function* scaleTickets(
  seed: number,
  places: ScalePlace[],
  months: string[],
  count: number,
): Generator<ScaleTicket> {
  const random = seededRandom(seed + 23);
  const pick = placePicker(places, random);
  const DAY = 86_400_000;
  for (let i = 0; i < count; i++) {
    const m = Math.floor((i * months.length) / count);
    const [y, mo] = months[m]!.split('-').map(Number) as [number, number];
    const start = Date.UTC(y, mo - 1, 1) - 8 * 3600_000;
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const received = start + Math.floor(random() * days * DAY);
    const due = received + 5 * DAY;
    const place = pick();
    const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
    const open = m === months.length - 1 && random() < 0.3;
    // Lagging places close late more often: ~1–4% late against the ≥ 98% target.
    const late = !open && random() < Math.max(0.005, 0.02 + (1 - place.performance) * 0.2);
    const closed = open
      ? null
      : late
        ? due + Math.floor((0.1 + random() * 3) * DAY)
        : received + Math.floor(random() * (due - received));
    const county = place.counties.length
      ? place.counties[Math.floor(random() * place.counties.length)]!
      : null;
    const receivedAt = new Date(received).toISOString();
    yield {
      ticket_id: `${SCALE_TICKET_PREFIX}${String(i).padStart(9, '0')}`,
      received_at: receivedAt,
      due_at: new Date(due).toISOString(),
      closed_at: closed === null ? null : new Date(closed).toISOString(),
      month: beijingMonth(receivedAt),
      category,
      consumer: isConsumerCategory(category) ? 1 : 0,
      city_code: place.city,
      county_code: county,
      status: closed === null ? '办理中' : '已办结',
      on_time: closed === null ? null : closed <= due ? 1 : 0,
    };
  }
}

export const TICKET_CSV_HEADER = '工单编号,受理时间,办理时限,办结时间,诉求类别,地市,区县,状态';

/** Tickets as the lines of a 12345 export (places by GB/T 2260 code), for import benches. */
export function* ticketCsvLines(tickets: Iterable<ScaleTicket>): Generator<string> {
  yield TICKET_CSV_HEADER;
  for (const t of tickets)
    yield [
      t.ticket_id,
      t.received_at,
      t.due_at,
      t.closed_at ?? '',
      t.category,
      t.city_code,
      t.county_code ?? '',
      t.status,
    ].join(',');
}
