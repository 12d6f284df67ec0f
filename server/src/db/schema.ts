// Table types for Kysely. Timestamps are ISO-8601 strings on both engines (PostgreSQL's
// timestamptz is parsed to a string in database.ts); JSON columns hold JSON text.
import type { Generated } from 'kysely';

export type Role = 'sysadmin' | 'supervisor' | 'department' | 'city' | 'county' | 'viewer';
export type UnitLevel = 'province' | 'city' | 'county' | 'department';
export type Region = '珠三角' | '粤东' | '粤西' | '粤北';

export interface OrgUnitTable {
  code: string;
  name: string;
  level: UnitLevel;
  parent_code: string | null;
  region: Region | null;
  sort_order: number;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  unit_code: string | null;
  disabled: number;
  created_at: string;
  password_changed_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a leaked table does not yield live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  /** `account:<username>|<ip>`, `ip:<ip>` or `account:<username>`. */
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditEventTable {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  target_type: string | null;
  target_id: string | null;
  unit_code: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  last_hash: string;
}

export interface PlanRevisionTable {
  id: Generated<number>;
  plan_id: string;
  number: number;
  title: string;
  document: string;
  reason: string;
  created_at: string;
  created_by: string;
}

export interface PlanTargetTable {
  revision_id: number;
  code: string;
  domain_code: string;
  task_number: number | null;
  indicator: string;
  comparator: string;
  value: number;
  band: number | null;
  unit: string;
  kind: string;
  deadline: string;
  measure: string;
}

export interface DataElementTable {
  code: string;
  name: string;
  unit: string;
  value_type: string;
  aggregation: string;
  period_type: string;
  reported_by: string;
  owner: string | null;
}

export interface DataValueTable {
  element_code: string;
  unit_code: string;
  period: string;
  value: number;
  status: 'draft' | 'submitted' | 'approved';
  updated_at: string;
  updated_by: string;
}

export interface DB {
  org_units: OrgUnitTable;
  users: UserTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  plan_revisions: PlanRevisionTable;
  plan_targets: PlanTargetTable;
  data_elements: DataElementTable;
  data_values: DataValueTable;
}
