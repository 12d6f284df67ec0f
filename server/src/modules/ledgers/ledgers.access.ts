// Who may see, edit and report on which ledger item. An item touches several units (its owner,
// its cooperating units and its city); a city or county sees an item when any of them is in its
// scope, a department when the item's domain is one of its own.
import type { AppContext } from '../../context';
import { forbidden } from '../../common/errors';
import { can, type Action, type Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';

export interface ChangeBy {
  actor: Actor;
  ip: string | null;
}

export interface ScopedItem {
  id?: number;
  domain_code: string;
  owner_unit_code: string;
  cooperating_units: string;
  city_code: string | null;
}

export const parseCodes = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
};

export function itemUnits(item: ScopedItem): string[] {
  const units = [item.owner_unit_code, ...parseCodes(item.cooperating_units)];
  if (item.city_code) units.push(item.city_code);
  return units;
}

/** The item's unit the actor answers for, if any ('all' scopes take the city, else the owner). */
export function unitInScope(actor: Actor, item: ScopedItem): string | null {
  const scope = actor.unitScope;
  if (scope === 'all') return item.city_code ?? item.owner_unit_code;
  return itemUnits(item).find((u) => scope.has(u)) ?? null;
}

function allowed(actor: Actor, action: Action, item: ScopedItem): boolean {
  const unit = unitInScope(actor, item);
  return unit !== null && can(actor, action, { unitCode: unit, domainCode: item.domain_code });
}

export const canSeeItem = (actor: Actor, item: ScopedItem) => allowed(actor, 'task.read', item);
export const canEditItem = (actor: Actor, item: ScopedItem) => allowed(actor, 'ledger.write', item);
export const canReportItem = (actor: Actor, item: ScopedItem) =>
  allowed(actor, 'ledger.report', item);

/** Audits the denial (like common/access.authorize) and throws 403. */
export async function deny(
  ctx: AppContext,
  by: ChangeBy,
  action: Action,
  item: ScopedItem,
  message: string,
): Promise<never> {
  await recordAudit(ctx.db, {
    action,
    outcome: 'denied',
    actor: by.actor,
    ip: by.ip,
    targetType: 'ledger_item',
    ...(item.id !== undefined ? { targetId: item.id } : {}),
    unitCode: item.city_code ?? item.owner_unit_code,
    details: { domainCode: item.domain_code },
  });
  throw forbidden(message);
}
