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
  /** The last pruned event (migration 0010): verification starts after it. 0 = nothing pruned. */
  anchor_seq: Generated<number>;
  anchor_hash: Generated<string>;
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
  /** The date the revision is in force from (migration 0011; null only before it ran). */
  effective_from: string | null;
}

/** 动态调整: a proposed change of targets and its review (migration 0011). */
export interface PlanChangeRequestTable {
  id: Generated<number>;
  plan_id: string;
  base_revision_id: number;
  status: 'proposed' | 'approved' | 'rejected' | 'withdrawn';
  /** JSON array of core/plan/revisions TargetChange. */
  changes: string;
  reason: string;
  effective_from: string;
  proposed_by: string;
  proposed_unit: string | null;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  revision_id: number | null;
  version: Generated<number>;
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
  /** Optimistic concurrency: every save names the version it was based on (migration 0002). */
  version: Generated<number>;
  comment: string | null;
}

export interface ServiceAreaFields {
  name: string;
  road: string;
  road_class: string;
  direction: string;
  city_code: string;
  county_code: string | null;
  longitude: number;
  latitude: number;
  parking_spaces: number;
  charging_spaces: number;
  charger_count: number;
  charger_power_kw: number;
  status: string;
  status_date: string | null;
  operator: string;
}

export interface ServiceAreaTable extends ServiceAreaFields {
  id: Generated<number>;
  /** YYYY-MM-DD the current state took effect. */
  valid_from: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ServiceAreaHistoryTable extends ServiceAreaFields {
  id: Generated<number>;
  area_id: number;
  change: 'create' | 'update' | 'delete';
  valid_from: string;
  recorded_at: string;
  recorded_by: string;
  reason: string | null;
}

/** Bumped by triggers on data_values whenever an element's values change (migration 0005). */
export interface AnalyticsVersionTable {
  element_code: string;
  version: number;
}

/** Targets an administrator chose to show on the public portal (migration 0005). */
export interface PublishedTargetTable {
  target_code: string;
  published_at: string;
  published_by: string;
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
  plan_change_requests: PlanChangeRequestTable;
  data_elements: DataElementTable;
  data_values: DataValueTable;
  analytics_versions: AnalyticsVersionTable;
  published_targets: PublishedTargetTable;
  report_forms: ReportFormTable;
  report_form_elements: ReportFormElementTable;
  report_rules: ReportRuleTable;
  data_value_history: DataValueHistoryTable;
  report_submissions: ReportSubmissionTable;
  report_submission_events: ReportSubmissionEventTable;
  notifications: NotificationTable;
  notification_reads: NotificationReadTable;
  unit_webhooks: UnitWebhookTable;
  service_areas: ServiceAreaTable;
  service_area_history: ServiceAreaHistoryTable;
  surveys: SurveyTable;
  survey_waves: SurveyWaveTable;
  survey_responses: SurveyResponseTable;
  survey_aggregates: SurveyAggregateTable;
  survey_panel_links: SurveyPanelLinkTable;
  rate_limits: RateLimitTable;
  hotline_imports: HotlineImportTable;
  hotline_tickets: HotlineTicketTable;
  idempotency_keys: IdempotencyKeyTable;
  ledger_items: LedgerItemTable;
  ledger_milestones: LedgerMilestoneTable;
  ledger_progress_reports: LedgerProgressReportTable;
  evidence_files: EvidenceFileTable;
  inspections: InspectionTable;
  supervision_items: SupervisionItemTable;
  supervision_events: SupervisionEventTable;
  supervision_rules: SupervisionRuleTable;
  bulletins: BulletinTable;
  job_runs: JobRunTable;
  case_calls: CaseCallTable;
  practical_matters: PracticalMatterTable;
  case_reviewers: CaseReviewerTable;
  case_submissions: CaseSubmissionTable;
  case_scores: CaseScoreTable;
  oidc_links: OidcLinkTable;
  oidc_logins: OidcLoginTable;
  midterm_evaluations: MidtermEvaluationTable;
  midterm_assessments: MidtermAssessmentTable;
}

// Satisfaction monitoring (migration 0004).
export interface SurveyTable {
  id: Generated<number>;
  title: string;
  description: string;
  /** JSON: core/satisfaction Question[]. */
  questions: string;
  min_n: number;
  created_at: string;
  updated_at: string;
}

export interface SurveyWaveTable {
  id: Generated<number>;
  survey_id: number;
  code: string;
  opens_at: string;
  closes_at: string;
  created_at: string;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  wave_id: number;
  city_code: string;
  county_code: string | null;
  /** Keyed hash of the respondent token (one response per respondent per wave). */
  respondent: string;
  /** JSON answers by question id. */
  answers: string;
  submitted_at: string;
}

export interface SurveyAggregateTable {
  wave_id: number;
  city_code: string;
  county_code: string;
  domain_code: string;
  shard: number;
  n: number;
  sum: number;
  sum_sq: number;
}

export interface SurveyPanelLinkTable {
  token_hash: string;
  wave_id: number;
  place_code: string;
  created_at: string;
  used_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: number;
  count: number;
}

export interface HotlineImportTable {
  id: Generated<number>;
  file_name: string;
  rows: number;
  inserted: number;
  updated: number;
  imported_at: string;
  imported_by: string;
}

export interface HotlineTicketTable {
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
  import_id: number;
}

// Reporting (migration 0002).
export interface ReportFormTable {
  code: string;
  name: string;
  domain_code: string | null;
  period_type: 'month' | 'quarter' | 'year';
  reporter_level: 'county' | 'city' | 'department';
  /** JSON: Level[] of core/reporting, lowest first. */
  approval_levels: string;
  due_days: number;
  expiry_days: number;
  reminder_days_before: number;
  active: number;
  updated_at: string;
  updated_by: string;
}

export interface ReportFormElementTable {
  form_code: string;
  element_code: string;
  sort_order: number;
  min_value: number | null;
  max_value: number | null;
}

export interface ReportRuleTable {
  id: Generated<number>;
  form_code: string;
  code: string;
  left_element: string;
  operator: string;
  right_element: string;
  severity: 'blocking' | 'warning';
  message: string;
  origin: 'plan' | 'admin';
}

export interface DataValueHistoryTable {
  id: Generated<number>;
  element_code: string;
  unit_code: string;
  period: string;
  old_value: number | null;
  new_value: number | null;
  version: number;
  comment: string | null;
  source: string;
  changed_at: string;
  changed_by: string;
}

export interface ReportSubmissionTable {
  id: Generated<number>;
  form_code: string;
  unit_code: string;
  period: string;
  state: 'draft' | 'submitted' | 'approved' | 'returned';
  /** Timeliness counts the first submission; resubmissions after a return do not reset it. */
  first_submitted_at: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  /** Reason of the last return or reopening. */
  reason: string | null;
  updated_at: string;
}

export interface ReportSubmissionEventTable {
  id: Generated<number>;
  submission_id: number;
  action: string;
  from_state: string;
  to_state: string;
  reason: string | null;
  at: string;
  by_user: string;
}

export interface NotificationTable {
  id: Generated<number>;
  /** Addressed to a unit: every account of that unit sees it. */
  unit_code: string;
  kind: string;
  title: string;
  body: string;
  /** JSON: what it is about ({formCode, unitCode, period}). */
  link: string;
  /** Makes producers idempotent (a reminder is never sent twice). */
  dedup_key: string | null;
  created_at: string;
}

export interface NotificationReadTable {
  notification_id: number;
  user_id: number;
  read_at: string;
}

export interface UnitWebhookTable {
  unit_code: string;
  url: string;
  updated_at: string;
  updated_by: string;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
}

// Import API idempotency keys (migration 0006).
export interface IdempotencyKeyTable {
  user_id: number;
  key: string;
  /** Method and path the key was first used on. */
  route: string;
  /** SHA-256 of the route, query and body: a different body under the same key is refused. */
  request_hash: string;
  state: 'pending' | 'done';
  status_code: number | null;
  content_type: string | null;
  response: string | null;
  created_at: string;
  completed_at: string | null;
}

// ── 任务督办 (migration 0007) ────────────────────────────────────────────────────────────────

export type LedgerStatus = 'not_started' | 'on_track' | 'at_risk' | 'delayed' | 'done';

export interface LedgerItemTable {
  id: Generated<number>;
  code: string;
  task_number: number;
  domain_code: string;
  title: string;
  description: string;
  owner_unit_code: string;
  /** JSON array of unit codes. */
  cooperating_units: string;
  city_code: string | null;
  start_date: string;
  due_date: string;
  budget: number | null;
  /** JSON array of target codes. */
  target_codes: string;
  percent_done: number;
  status: LedgerStatus;
  status_override_reason: string | null;
  last_reported_at: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface LedgerMilestoneTable {
  id: Generated<number>;
  item_id: number;
  sort_order: number;
  title: string;
  due_date: string;
  definition_of_done: string;
  done_on: string | null;
}

export interface LedgerProgressReportTable {
  id: Generated<number>;
  item_id: number;
  milestone_id: number | null;
  percent_done: number;
  text: string;
  proposed_status: LedgerStatus;
  status: LedgerStatus;
  override_reason: string | null;
  reported_at: string;
  reported_by: string;
  unit_code: string;
}

export type EvidenceOwner = 'progress' | 'supervision_event' | 'inspection' | 'case';

export interface EvidenceFileTable {
  id: Generated<number>;
  owner_type: EvidenceOwner;
  owner_id: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  unit_code: string;
  domain_code: string | null;
  uploaded_at: string;
  uploaded_by: string;
}

export interface InspectionTable {
  id: Generated<number>;
  place: string;
  city_code: string;
  county_code: string | null;
  visited_on: string;
  /** JSON array of names. */
  inspectors: string;
  summary: string;
  domain_code: string | null;
  created_at: string;
  created_by: string;
}

export type SupervisionKind = 'supervision' | 'rectification';
export type SupervisionLevel = 'general' | 'key' | 'listed';
export type SupervisionStatus = 'open' | 'replied' | 'returned' | 'closed';
export type SupervisionEventKind =
  'issued' | 'replied' | 'accepted' | 'returned' | 'escalated' | 'reminded';

export interface SupervisionItemTable {
  id: Generated<number>;
  kind: SupervisionKind;
  level: SupervisionLevel;
  title: string;
  body: string;
  source: 'manual' | 'rule';
  rule_code: string | null;
  dedup_key: string | null;
  issuer_unit_code: string;
  issued_by: string;
  target_unit_code: string;
  domain_code: string | null;
  task_number: number | null;
  ledger_item_id: number | null;
  inspection_id: number | null;
  status: SupervisionStatus;
  reply_due: string;
  escalation_level: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface SupervisionEventTable {
  id: Generated<number>;
  item_id: number;
  kind: SupervisionEventKind;
  text: string;
  actor: string;
  unit_code: string | null;
  at: string;
}

export interface SupervisionRuleTable {
  code: string;
  enabled: number;
  /** JSON object. */
  params: string;
  updated_at: string;
  updated_by: string;
}

export type BulletinKind = 'monthly' | 'quarterly' | 'adhoc';

export interface BulletinTable {
  id: Generated<number>;
  kind: BulletinKind;
  period: string;
  as_of: string;
  title: string;
  doc_number: string;
  status: 'draft' | 'published';
  /** JSON: the frozen bulletin content. */
  content: string;
  html: string;
  docx: Buffer;
  created_at: string;
  created_by: string;
  published_at: string | null;
  published_by: string | null;
}

export interface JobRunTable {
  id: Generated<number>;
  job: string;
  run_key: string;
  started_at: string;
  finished_at: string | null;
  outcome: 'ok' | 'failed' | null;
  summary: string | null;
  worker: string;
}

// ── 优秀案例评选 (migration 0008) ───────────────────────────────────────────────────────────

export type CaseCallStatus = 'draft' | 'open' | 'reviewing' | 'closed' | 'published';

export interface CaseCallTable {
  id: Generated<number>;
  title: string;
  description: string;
  /** JSON array of domain codes; empty = every domain. */
  domain_codes: string;
  submission_deadline: string;
  review_deadline: string;
  /** JSON array of {key, name, weight}. */
  criteria: string;
  scale_max: number;
  winners: number;
  tie_rule: 'top_criterion' | 'criteria_by_weight' | 'earliest_submission';
  status: CaseCallStatus;
  created_at: string;
  created_by: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

export interface CaseReviewerTable {
  call_id: number;
  user_id: number;
  assigned_at: string;
  assigned_by: string;
}

export interface CaseSubmissionTable {
  id: Generated<number>;
  call_id: number;
  title: string;
  domain_code: string;
  task_number: number;
  summary: string;
  results: string;
  /** JSON array of {label, value, unit}. */
  figures: string;
  unit_code: string;
  submitted_by: string;
  submitted_at: string;
  updated_at: string;
  final_score: number | null;
  final_rank: number | null;
  winner: Generated<number>;
}

export interface CaseScoreTable {
  id: Generated<number>;
  submission_id: number;
  reviewer_id: number;
  /** JSON object criterion key → score. */
  scores: string;
  weighted: number;
  comment: string;
  scored_at: string;
}

// Single sign-on (migration 0009).
export interface OidcLinkTable {
  issuer: string;
  subject: string;
  user_id: number;
  created_at: string;
  created_by: string;
}

export interface OidcLoginTable {
  state: string;
  code_verifier: string;
  nonce: string;
  next_path: string;
  created_at: string;
}

// 十件民生实事 (migration 0013).
export interface PracticalMatterTable {
  id: Generated<number>;
  year: number;
  seq: number;
  title: string;
  description: string;
  lead_unit: string;
  /** JSON array of {domainCode, taskNumber}. */
  task_refs: string;
  /** JSON array of plan-format targets. */
  targets: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

// 中期评估 (migration 0012).
export interface MidtermEvaluationTable {
  id: Generated<number>;
  title: string;
  as_of: string;
  plan_revision_id: number;
  status: 'draft' | 'signed';
  /** JSON core/evaluation EvaluationSnapshot; frozen by a trigger. */
  snapshot: string;
  created_by: string;
  created_at: string;
  signed_by: string | null;
  signed_at: string | null;
  sign_comment: string | null;
  version: Generated<number>;
}

export interface MidtermAssessmentTable {
  id: Generated<number>;
  evaluation_id: number;
  target_code: string;
  domain_code: string;
  action: 'keep' | 'raise' | 'lower' | 'replace' | 'drop';
  text: string;
  proposed_value: number | null;
  assessed_by: string;
  assessed_unit: string | null;
  updated_at: string;
  version: Generated<number>;
}
