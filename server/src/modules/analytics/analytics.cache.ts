// The reported values of each data element, held in memory and aggregated on demand to any
// unit (county → city → province, or a region). Freshness: every request reads the element
// versions that database triggers bump inside the writer's transaction, and reloads only the
// elements that changed — so an approval counts on the very next request, in every process.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SeriesPoint } from '../../../../core/status';
import { parsePeriod, periodBounds } from '../../../../core/periods/periods';
import * as repo from './analytics.repository';

export type Mode = 'approved' | 'withSubmitted';

interface ElementData {
  version: number;
  units: string[];
  /** Period codes sorted by their end date. */
  periods: string[];
  unitIdx: Int32Array;
  periodIdx: Int32Array;
  value: Float64Array;
  approved: Uint8Array;
  /** Aggregated series by `${mode}|${scopeKey}`. */
  memo: Map<string, SeriesPoint[]>;
}

export interface UnitSet {
  /** Stable name for memoising (a unit code or a region name). */
  key: string;
  units: ReadonlySet<string>;
}

export class ElementStore {
  private readonly elements = new Map<string, ElementData>();
  private readonly loading = new Map<string, Promise<ElementData>>();
  private versions = new Map<string, number>();

  constructor(private readonly db: Kysely<DB>) {}

  /** Reads the versions once per request; elements whose version moved reload lazily. */
  async refresh(): Promise<void> {
    this.versions = await repo.readVersions(this.db);
  }

  /** Drops every cached element (benchmarks measure cold requests with it). */
  clear(): void {
    this.elements.clear();
    this.results.clear();
  }

  /**
   * Keeps the loaded values but drops everything derived from them (aggregated series, target
   * evaluations): the state of a running server asked about a date nobody asked about before.
   */
  forgetDerived(): void {
    this.results.clear();
    for (const element of this.elements.values()) element.memo.clear();
  }

  /** The current versions of some elements, as one string (a result's cache key part). */
  signature(elementCodes: string[]): string {
    return elementCodes.map((c) => this.versions.get(c) ?? 0).join('.');
  }

  /** Results derived from elements, reused while those elements' versions stand still. */
  readonly results = new Map<string, { signature: string; value: unknown }>();

  async remember<T>(key: string, elementCodes: string[], compute: () => Promise<T>): Promise<T> {
    const signature = this.signature(elementCodes);
    const hit = this.results.get(key);
    if (hit && hit.signature === signature) return hit.value as T;
    const value = await compute();
    if (this.results.size > 50_000) this.results.clear();
    this.results.set(key, { signature, value });
    return value;
  }

  /** Loads every element with values, e.g. at start-up, so the first visitor waits less. */
  async preload(codes: string[]): Promise<void> {
    await this.refresh();
    for (const code of codes) await this.element(code);
  }

  /** A cheap fingerprint of all data, for HTTP caching of derived answers. */
  fingerprint(): string {
    let sum = 0;
    for (const [code, v] of this.versions) sum = (sum * 31 + v + code.length) % 2 ** 48;
    return `${this.versions.size}-${sum}`;
  }

  async series(elementCode: string, scope: UnitSet, mode: Mode, aggregation: 'flow' | 'stock') {
    const data = await this.element(elementCode);
    const key = `${mode}|${aggregation}|${scope.key}`;
    let points = data.memo.get(key);
    if (!points) {
      points = aggregate(data, scope.units, mode, aggregation);
      data.memo.set(key, points);
    }
    return points;
  }

  private async element(code: string): Promise<ElementData> {
    const version = this.versions.get(code) ?? 0;
    const cached = this.elements.get(code);
    if (cached && cached.version === version) return cached;
    const pending = this.loading.get(`${code}@${version}`);
    if (pending) return pending;
    const load = this.load(code, version).finally(() => this.loading.delete(`${code}@${version}`));
    this.loading.set(`${code}@${version}`, load);
    return load;
  }

  private async load(code: string, version: number): Promise<ElementData> {
    const rows = version === 0 ? [] : await repo.elementValues(this.db, code);
    const data = columnar(rows, version);
    const current = this.elements.get(code);
    if (!current || current.version <= version) this.elements.set(code, data);
    return data;
  }
}

const periodEnd = (code: string) => {
  const p = parsePeriod(code);
  return p ? periodBounds(p).end : code;
};

function columnar(rows: repo.ValueRow[], version: number): ElementData {
  const units = [...new Set(rows.map((r) => r.unit_code))];
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) =>
    periodEnd(a) < periodEnd(b) ? -1 : periodEnd(a) > periodEnd(b) ? 1 : 0,
  );
  const u = new Map(units.map((code, i) => [code, i]));
  const p = new Map(periods.map((code, i) => [code, i]));
  const n = rows.length;
  const data: ElementData = {
    version,
    units,
    periods,
    unitIdx: new Int32Array(n),
    periodIdx: new Int32Array(n),
    value: new Float64Array(n),
    approved: new Uint8Array(n),
    memo: new Map(),
  };
  // Sorted by period so stocks can be carried forward in one pass.
  const order = rows.map((r, i) => ({ r, i, pi: p.get(r.period)! })).sort((a, b) => a.pi - b.pi);
  order.forEach(({ r, pi }, k) => {
    data.unitIdx[k] = u.get(r.unit_code)!;
    data.periodIdx[k] = pi;
    data.value[k] = Number(r.value);
    data.approved[k] = r.status === 'approved' ? 1 : 0;
  });
  return data;
}

/**
 * Sums a flow per period over the reporting units in scope. A stock is summed over each
 * reporting unit's latest value at or before the period (carried forward), so one county's
 * new approval moves its city's total at once instead of leaving a half-reported period.
 */
function aggregate(
  data: ElementData,
  scope: ReadonlySet<string>,
  mode: Mode,
  aggregation: 'flow' | 'stock',
): SeriesPoint[] {
  const inScope = data.units.map((code) => scope.has(code));
  const n = data.value.length;
  // Units that report this element at all: a flow period with fewer of them is partial.
  const reporters = new Set<number>();
  for (let k = 0; k < n; k += 1) if (inScope[data.unitIdx[k]!]) reporters.add(data.unitIdx[k]!);
  const points: SeriesPoint[] = [];
  const current = new Map<number, { value: number; provisional: boolean }>();
  let k = 0;
  while (k < n) {
    const pi = data.periodIdx[k]!;
    let sum = 0;
    let provisional = false;
    let any = false;
    let contributors = 0;
    for (; k < n && data.periodIdx[k] === pi; k += 1) {
      const ui = data.unitIdx[k]!;
      if (!inScope[ui]) continue;
      const approved = data.approved[k] === 1;
      if (!approved && mode === 'approved') continue;
      any = true;
      contributors += 1;
      if (aggregation === 'flow') {
        sum += data.value[k]!;
        provisional ||= !approved;
      } else current.set(ui, { value: data.value[k]!, provisional: !approved });
    }
    if (!any) continue;
    if (aggregation === 'stock') {
      sum = 0;
      for (const c of current.values()) {
        sum += c.value;
        provisional ||= c.provisional;
      }
    }
    const partial = aggregation === 'flow' && contributors < reporters.size;
    points.push({
      period: data.periods[pi]!,
      value: sum,
      ...(provisional ? { provisional } : {}),
      ...(partial ? { partial } : {}),
    });
  }
  return points;
}
