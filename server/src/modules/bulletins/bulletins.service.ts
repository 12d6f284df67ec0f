// Bulletins (通报): drafted by hand or on schedule from the figures at an as-of date, edited
// (title, intro) while a draft, published by the supervision office — which assigns the next
// 文号 of the year, freezes the document and notifies the lead departments and the cities.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { can, type Actor } from '../../common/policy';
import { badRequest, conflict, notFound } from '../../common/errors';
import { todayCst } from '../../../../core/reporting/deadlines';
import {
  buildBulletin,
  resolveBulletinPeriod,
  type BulletinDocument,
  type BulletinFigures,
  type BulletinKind,
  type BulletinOptions,
} from '../../../../core/tasking/bulletin';
import { recordAudit } from '../audit/audit.service';
import { deliverInBackground, newOutbox, notify } from '../reporting/notifications.service';
import { gatherFigures } from './bulletin-content';
import { renderCharts } from './bulletin-charts';
import { bulletinDocx } from './bulletin-docx';
import { bulletinHtml } from './bulletin-html';
import * as repo from './bulletins.repository';

/** Who does it: a signed-in user, or the scheduler (no user). */
export interface By {
  actor: Actor | null;
  ip: string | null;
  /** Recorded as created_by / audit username when there is no actor. */
  label?: string;
}

export interface DraftInput {
  kind: BulletinKind;
  period?: string;
  asOf?: string;
  title?: string;
  intro?: string;
}

/** What is stored in `content`: the figures (so a draft can be re-rendered) and the document. */
interface StoredContent {
  figures: BulletinFigures;
  options: Pick<BulletinOptions, 'title' | 'intro'>;
  document: BulletinDocument;
}

const byName = (by: By) => by.actor?.username ?? by.label ?? 'system';
const auditActor = (by: By) => ({ actor: by.actor, username: by.actor ? null : byName(by) });

/** The document, its HTML page and its .docx (charts rendered once for both). */
export async function renderBulletin(figures: BulletinFigures, options: BulletinOptions) {
  const document = buildBulletin(figures, options);
  const charts = renderCharts(document.charts);
  const docx = await bulletinDocx(document, charts);
  const html = bulletinHtml(document, charts);
  return { document, docx, html };
}

export async function draftBulletin(ctx: AppContext, input: DraftInput, by: By, now = new Date()) {
  const today = todayCst(now);
  const period = resolveBulletinPeriod(input.kind, today, input.period, input.asOf);
  if ('error' in period)
    throw badRequest('BULLETIN_PERIOD_INVALID', period.error, [
      { field: period.field, message: period.error },
    ]);
  const figures = await gatherFigures(ctx, input.kind, period);
  const options = { title: input.title, intro: input.intro };
  const { document, docx, html } = await renderBulletin(figures, { ...options, issuedOn: today });
  const at = now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertBulletin(trx, {
      kind: input.kind,
      period: period.period,
      as_of: period.asOf,
      title: document.title,
      doc_number: document.docNumber,
      status: 'draft',
      content: JSON.stringify({ figures, options, document } satisfies StoredContent),
      html,
      docx,
      created_at: at,
      created_by: byName(by),
      published_at: null,
      published_by: null,
    });
    await recordAudit(trx, {
      action: 'bulletin.draft',
      ...auditActor(by),
      ip: by.ip,
      targetType: 'bulletin',
      targetId: id,
      details: { kind: input.kind, period: period.period, asOf: period.asOf },
    });
    return id;
  });
  return getBulletin(ctx, by.actor, id);
}

async function requireVisible(db: Kysely<DB>, actor: Actor | null, id: number) {
  const row = await repo.findBulletin(db, id);
  // A draft is not shown to readers at all: for them it does not exist.
  if (!row || (row.status === 'draft' && actor && !can(actor, 'bulletin.manage')))
    throw notFound('BULLETIN_NOT_FOUND', `通报 ${id} 不存在`);
  return row;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findBulletin>>>;

function summary(r: Omit<Row, 'content' | 'html' | 'docx'>) {
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    asOf: r.as_of,
    title: r.title,
    docNumber: r.doc_number,
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  };
}
export type BulletinSummary = ReturnType<typeof summary>;

export async function listBulletins(ctx: AppContext, actor: Actor) {
  const rows = await repo.listBulletins(ctx.db, { includeDrafts: can(actor, 'bulletin.manage') });
  return { bulletins: rows.map(summary), canManage: can(actor, 'bulletin.manage') };
}

export async function getBulletin(ctx: AppContext, actor: Actor | null, id: number) {
  const row = await requireVisible(ctx.db, actor, id);
  const content = JSON.parse(row.content) as StoredContent;
  return { ...summary(row), intro: content.document.intro, document: content.document };
}

export async function bulletinFile(
  ctx: AppContext,
  actor: Actor,
  id: number,
  kind: 'docx' | 'html',
) {
  const row = await requireVisible(ctx.db, actor, id);
  return { row: summary(row), body: kind === 'docx' ? Buffer.from(row.docx) : row.html };
}

const published = (id: number) => conflict('BULLETIN_PUBLISHED', `通报 ${id} 已印发，不能再修改`);

/** Edits a draft's title or intro (or re-reads its figures) and renders it again. */
export async function updateBulletin(
  ctx: AppContext,
  id: number,
  input: { title?: string; intro?: string; refresh?: boolean },
  by: By,
  now = new Date(),
) {
  const row = await requireVisible(ctx.db, by.actor, id);
  if (row.status === 'published') throw published(id);
  const stored = JSON.parse(row.content) as StoredContent;
  const figures = input.refresh
    ? await gatherFigures(ctx, row.kind, {
        period: stored.figures.period,
        from: stored.figures.from,
        asOf: stored.figures.asOf,
      })
    : stored.figures;
  const options = {
    title: input.title ?? stored.options.title,
    intro: input.intro ?? stored.options.intro,
  };
  const { document, docx, html } = await renderBulletin(figures, {
    ...options,
    issuedOn: todayCst(now),
  });
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await repo.updateDraft(trx, id, {
      title: document.title,
      content: JSON.stringify({ figures, options, document } satisfies StoredContent),
      html,
      docx,
    });
    if (!changed) throw published(id);
    await recordAudit(trx, {
      action: 'bulletin.update',
      ...auditActor(by),
      ip: by.ip,
      targetType: 'bulletin',
      targetId: id,
      details: {
        title: input.title !== undefined,
        intro: input.intro !== undefined,
        refresh: !!input.refresh,
      },
    });
  });
  return getBulletin(ctx, by.actor, id);
}

/** Units told about a published bulletin: the plan's lead departments and the 21 cities. */
async function recipients(ctx: AppContext): Promise<string[]> {
  const plan = (await ctx.plans.current())?.plan;
  const units = new Set(
    ctx.orgs
      .all()
      .filter((u) => u.level === 'city')
      .map((u) => u.code),
  );
  for (const d of plan?.domains ?? []) for (const code of d.leadUnits) units.add(code);
  return [...units].filter((code) => ctx.orgs.get(code));
}

export async function publishBulletin(ctx: AppContext, id: number, by: By, now = new Date()) {
  const row = await requireVisible(ctx.db, by.actor, id);
  if (row.status === 'published') throw published(id);
  const stored = JSON.parse(row.content) as StoredContent;
  const today = todayCst(now);
  const year = today.slice(0, 4);
  const outbox = newOutbox();
  const units = await recipients(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    // Two supervisors publishing at once must not get the same 文号 (SQLite serialises writes).
    if (ctx.database.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(74100401)`.execute(trx);
    const sequence = (await repo.publishedInYear(trx, year)) + 1;
    const { document, docx, html } = await renderBulletin(stored.figures, {
      ...stored.options,
      issuedOn: today,
      docSequence: sequence,
    });
    const changed = await repo.updateDraft(trx, id, {
      status: 'published',
      doc_number: document.docNumber,
      title: document.title,
      content: JSON.stringify({ ...stored, document } satisfies StoredContent),
      html,
      docx,
      published_at: now.toISOString(),
      published_by: byName(by),
    });
    if (!changed) throw published(id);
    await recordAudit(trx, {
      action: 'bulletin.publish',
      ...auditActor(by),
      ip: by.ip,
      targetType: 'bulletin',
      targetId: id,
      details: { docNumber: document.docNumber, period: row.period },
    });
    for (const unitCode of units)
      await notify(trx, outbox, {
        unitCode,
        kind: 'bulletin.published',
        title: `通报已印发：${document.title}`,
        body: `${document.docNumber}《${document.title}》已印发，请查阅并按通报要求抓好落实。`,
        link: {},
        dedupKey: `bulletin:${id}:${unitCode}`,
      });
  });
  deliverInBackground(ctx.db, outbox);
  return getBulletin(ctx, by.actor, id);
}
