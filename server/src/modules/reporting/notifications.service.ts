// In-app notifications addressed to units, and the optional webhook per unit. Notifications
// are written inside the transaction of the change they report; webhooks are POSTed after
// it commits, and a failing webhook is recorded on the unit's webhook row, never fatal.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../common/policy';
import { badRequest, forbidden, notFound } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import * as repo from './notifications.repository';

export interface NotificationLink {
  formCode?: string;
  unitCode?: string;
  period?: string;
}

export interface NewNotification {
  unitCode: string;
  kind: string;
  title: string;
  body: string;
  link: NotificationLink;
  /** Same key, same notification: producers may run again without sending twice. */
  dedupKey?: string;
}

export interface Outbox {
  sent: Array<NewNotification & { id: number; createdAt: string }>;
}

export const newOutbox = (): Outbox => ({ sent: [] });

export async function notify(db: Kysely<DB>, outbox: Outbox, n: NewNotification): Promise<boolean> {
  const createdAt = new Date().toISOString();
  const id = await repo.insertNotification(db, {
    unit_code: n.unitCode,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: JSON.stringify(n.link),
    dedup_key: n.dedupKey ?? null,
    created_at: createdAt,
  });
  if (id === null) return false;
  outbox.sent.push({ ...n, id, createdAt });
  return true;
}

const WEBHOOK_TIMEOUT_MS = 5000;

/** POSTs each sent notification to its unit's webhook, if any; call after commit. */
export async function deliverWebhooks(db: Kysely<DB>, outbox: Outbox): Promise<void> {
  if (!outbox.sent.length) return;
  const hooks = new Map(
    (await repo.findWebhooks(db, [...new Set(outbox.sent.map((n) => n.unitCode))])).map((h) => [
      h.unit_code,
      h.url,
    ]),
  );
  for (const n of outbox.sent) {
    const url = hooks.get(n.unitCode);
    if (!url) continue;
    const at = new Date().toISOString();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          unitCode: n.unitCode,
          link: n.link,
          createdAt: n.createdAt,
        }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await repo.recordDelivery(db, n.unitCode, {
        at,
        status: res.status,
        error: res.ok ? null : `HTTP ${res.status}`,
      });
    } catch (error) {
      await repo.recordDelivery(db, n.unitCode, {
        at,
        status: null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Fire and forget: a slow or failing receiver never holds up or fails the request. */
export function deliverInBackground(db: Kysely<DB>, outbox: Outbox): void {
  deliverWebhooks(db, outbox).catch(() => undefined);
}

export async function listNotifications(
  db: Kysely<DB>,
  actor: Actor,
  q: { unreadOnly: boolean; limit: number },
) {
  if (!actor.unitCode) return { notifications: [], unread: 0 };
  const rows = await repo.listForUnit(db, { ...q, unitCode: actor.unitCode, userId: actor.userId });
  return {
    notifications: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: JSON.parse(r.link) as NotificationLink,
      createdAt: r.created_at,
      read: r.read_at !== null,
    })),
    unread: await repo.countUnread(db, actor.unitCode, actor.userId),
  };
}

export async function markNotificationRead(db: Kysely<DB>, actor: Actor, id: number) {
  const n = await repo.findNotification(db, id);
  if (!n) throw notFound('NOTIFICATION_NOT_FOUND', '通知不存在');
  if (n.unit_code !== actor.unitCode) throw forbidden('这条通知不是发给您所在单位的');
  await repo.markRead(db, [id], actor.userId, new Date().toISOString());
}

export async function markAllRead(db: Kysely<DB>, actor: Actor): Promise<number> {
  if (!actor.unitCode) return 0;
  const rows = await repo.listForUnit(db, {
    unitCode: actor.unitCode,
    userId: actor.userId,
    unreadOnly: true,
    limit: 10_000,
  });
  await repo.markRead(
    db,
    rows.map((r) => r.id),
    actor.userId,
    new Date().toISOString(),
  );
  return rows.length;
}

export async function setWebhook(
  db: Kysely<DB>,
  unitCode: string,
  url: string | null,
  by: { actor: Actor; ip: string },
): Promise<void> {
  if (url !== null) {
    if (!isHttpUrl(url))
      throw badRequest('WEBHOOK_URL_INVALID', '回调地址须为 http(s) 网址', [
        { field: 'url', message: '回调地址须为 http(s) 网址' },
      ]);
  }
  await db.transaction().execute(async (trx) => {
    if (url === null) await repo.deleteWebhook(trx, unitCode);
    else
      await repo.upsertWebhook(trx, {
        unit_code: unitCode,
        url,
        updated_at: new Date().toISOString(),
        updated_by: by.actor.username,
      });
    await recordAudit(trx, {
      action: 'notification.webhook.set',
      actor: by.actor,
      ip: by.ip,
      unitCode,
      targetType: 'unit_webhook',
      targetId: unitCode,
      details: { url },
    });
  });
}

function isHttpUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function getWebhook(db: Kysely<DB>, unitCode: string) {
  return repo.findWebhooks(db, [unitCode]).then((rows) => rows[0] ?? null);
}
