// The registry at a past date: every change is kept as a full snapshot with the date it took
// effect; the state at date D is each area's latest snapshot effective on or before D, unless
// that snapshot is a removal.

export interface HistoryEntry {
  areaId: number;
  /** YYYY-MM-DD the change took effect. */
  validFrom: string;
  /** Order of recording, to break ties between changes effective on the same day. */
  seq: number;
  change: 'create' | 'update' | 'delete';
}

export function stateAt<T extends HistoryEntry>(entries: readonly T[], at: string): T[] {
  const latest = new Map<number, T>();
  for (const e of entries) {
    if (e.validFrom > at) continue;
    const seen = latest.get(e.areaId);
    if (
      !seen ||
      e.validFrom > seen.validFrom ||
      (e.validFrom === seen.validFrom && e.seq > seen.seq)
    )
      latest.set(e.areaId, e);
  }
  return [...latest.values()].filter((e) => e.change !== 'delete');
}
