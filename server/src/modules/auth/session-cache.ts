// A short-lived, per-process copy of resolved sessions, so an authenticated request does not
// cost a database round trip. Logout and password changes evict at once in this process;
// other processes notice within `ttlMs` (docs/adr/0004-session-cache.md).
import type { ResolvedSession } from './auth.service';

export class SessionCache {
  private readonly entries = new Map<string, { session: ResolvedSession; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(id: string, now = Date.now()): ResolvedSession | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(id);
      return null;
    }
    return entry.session;
  }

  set(id: string, session: ResolvedSession, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { session, until: now + this.ttlMs });
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  deleteUser(userId: number): void {
    for (const [id, entry] of this.entries)
      if (entry.session.user.id === userId) this.entries.delete(id);
  }
}
