// The data-scope matrix: for every API route, what unit/domain data it touches and how to reach
// a row of the fixture at each scope position (common/scope-matrix.test.ts sends each request
// as every role and expects: in scope allowed, out of scope 403/404 with nothing changed, lists
// without foreign rows). A route that touches no unit or domain data says why (`unscoped`); a
// route only province-wide accounts may call says so (`provinceWide`, checked against the
// policy). A route without an entry fails the test.
import type { Role } from '../db/schema';
import { toCsv } from '../modules/service-areas/service-areas.fixtures';
import {
  POSITIONS,
  PROPOSER,
  type AccountScope,
  type Position,
  type RowScope,
  type ScopeFixture,
} from '../testing/scope-fixture';

export interface ScopeRequest {
  url: string;
  /** Defaults to the route's method. */
  method?: string;
  body?: unknown;
  /** Multipart form fields (text only). */
  form?: Record<string, string>;
  /** Raw body with its content type. */
  raw?: { payload: string | Buffer; contentType: string };
}

export interface ScopedEntry {
  /** What the route touches, for failure messages. */
  resource: string;
  /** The scope of the resource's fixture row at each position. */
  rowAt(p: Position): RowScope;
  /** A request touching the row at position p (reads and writes). */
  probe?(f: ScopeFixture, p: Position): ScopeRequest;
  /** List requests: their answers must hold no row outside the caller's scope. */
  list?(f: ScopeFixture): ScopeRequest[];
  /** The rows of a JSON answer; default: every object naming a unit, checked with its domain. */
  rows?(answer: unknown, f: ScopeFixture): RowScope[];
  /** Writes: tables (optionally narrowed by a column to the positions' units and cities) that must be unchanged after a refusal. */
  tables?: Array<string | [string, string]>;
  /** A write that uses its row up (delete): only one allowed attempt per row. */
  consumes?: boolean;
  /** Who may see or change a row, when it is not the unit × domain rule. */
  visible?(a: AccountScope, row: RowScope): boolean;
  /** Text that must not appear in the answer of a caller outside position p's row (default: the position's label). */
  marker?(p: Position): string;
  /** A refusal that is not a 403/404 (e.g. a bulk action that skips foreign rows). */
  refused?(status: number, body: string): boolean;
  /** Roles whose in-scope attempts are not asserted as allowed, and why. */
  inScopeUnchecked?: { roles: Role[]; reason: string };
}

export type ScopeEntry = ScopedEntry | { unscoped: string } | { provinceWide: string };

const pos = (p: Position) => POSITIONS[p];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const unitDomain = (p: Position): RowScope => ({ units: [pos(p).unit], domain: pos(p).domain });
const unitOnly = (p: Position): RowScope => ({ units: [pos(p).unit] });
const domainOnly = (p: Position): RowScope => ({ domain: pos(p).domain });
const allPositionUnits = Object.values(POSITIONS)
  .map((p) => p.unit)
  .join(',');
/** Only the unit's own accounts (not a city above it, nor a department). */
const ownUnitOnly = (a: AccountScope, row: RowScope) =>
  !!a.ownUnit && row.parties?.[0] === a.ownUnit;
const domainOf = (p: Position): 'D01' | 'D07' => pos(p).domain;
const form = (f: ScopeFixture, p: Position) => f.forms[domainOf(p)];
const key = (f: ScopeFixture, p: Position) => ({
  formCode: form(f, p).code,
  unitCode: pos(p).unit,
  period: form(f, p).period,
});
/** An import refuses a row out of scope as a placed error (nothing written). */
const IMPORT_REFUSED = (status: number, body: string) =>
  status === 403 ||
  status === 404 ||
  (status === 400 && /IMPORT_(REJECTED|INVALID)/.test(body) && body.includes('无权'));
const SKIPPED_ALL = (status: number, body: string) =>
  status === 200 && (JSON.parse(body) as { approved: unknown[] }).approved.length === 0;

// ── Reporting ──────────────────────────────────────────────────────────────────────────────

const VALUE_TABLES: Array<[string, string]> = [
  ['data_values', 'unit_code'],
  ['data_value_history', 'unit_code'],
  ['report_submissions', 'unit_code'],
];

const submission = (action: string, approve: boolean): ScopedEntry => ({
  resource: `reporting submission (${action})`,
  rowAt: unitDomain,
  probe: (f, p) => ({
    url: `/api/reporting/submissions/${action}`,
    body: {
      ...key(f, p),
      ...(action === 'return' || action === 'reopen' ? { reason: '范围测试' } : {}),
    },
  }),
  tables: [
    ['report_submissions', 'unit_code'],
    'report_submission_events',
    ['data_values', 'unit_code'],
  ],
  ...(approve
    ? {
        inScopeUnchecked: {
          roles: ['supervisor', 'department', 'city'],
          reason:
            'who reviews at which level is the approval chain’s rule (reporting.routes.test.ts)',
        },
      }
    : {}),
});

const valueImport = (f: ScopeFixture, p: Position) => ({
  elementCode: form(f, p).element,
  unitCode: pos(p).unit,
  period: form(f, p).period,
  value: 4321,
});

const reporting: Record<string, ScopeEntry> = {
  'GET /api/reporting/forms': {
    unscoped: 'form definitions (the same for everyone), no unit data',
  },
  'GET /api/reporting/forms/:code': { unscoped: 'a form definition, no unit data' },
  'PATCH /api/reporting/forms/:code': { provinceWide: 'reporting.admin: form settings' },
  'GET /api/reporting/grid': {
    resource: 'reporting values (entry grid)',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: `/api/reporting/grid?form=${form(f, p).code}&unit=${pos(p).unit}&period=${form(f, p).period}`,
    }),
  },
  'GET /api/reporting/values': {
    resource: 'reporting values (export)',
    rowAt: unitDomain,
    list: (f) => [
      {
        url: `/api/reporting/values?units=${allPositionUnits}&periods=${f.forms.D01.period},${f.forms.D07.period}&elements=${f.forms.D01.element},${f.forms.D07.element}`,
      },
    ],
    rows: (answer, f) =>
      (answer as { values: Array<{ unitCode: string; elementCode: string }> }).values.map((v) => ({
        units: [v.unitCode],
        domain: f.elementDomains.get(v.elementCode) ?? null,
      })),
  },
  'PUT /api/reporting/values': {
    resource: 'reporting values (save)',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: '/api/reporting/values',
      body: { formCode: form(f, p).code, values: [{ ...valueImport(f, p), comment: '范围测试' }] },
    }),
    tables: VALUE_TABLES,
  },
  'GET /api/reporting/values/history': {
    resource: 'reporting value history',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: `/api/reporting/values/history?element=${form(f, p).element}&unit=${pos(p).unit}&period=${form(f, p).period}`,
    }),
  },
  'POST /api/reporting/submissions/submit': submission('submit', false),
  'POST /api/reporting/submissions/approve': submission('approve', true),
  'POST /api/reporting/submissions/return': submission('return', true),
  'POST /api/reporting/submissions/reopen': submission('reopen', true),
  'GET /api/reporting/inbox': {
    resource: 'submissions awaiting review',
    rowAt: unitDomain,
    list: () => [{ url: '/api/reporting/inbox' }],
  },
  'POST /api/reporting/inbox/approve': {
    resource: 'submissions (bulk approval)',
    rowAt: unitDomain,
    probe: (f, p) => ({ url: '/api/reporting/inbox/approve', body: { items: [key(f, p)] } }),
    tables: [['report_submissions', 'unit_code'], 'report_submission_events'],
    refused: SKIPPED_ALL,
    inScopeUnchecked: {
      roles: ['supervisor', 'department', 'city'],
      reason: 'an item not at the caller’s review level is skipped, by the approval chain’s rule',
    },
  },
  'GET /api/reporting/completeness': {
    // A filtered list: the units out of scope are left out (group rows only sum the units shown).
    resource: 'reporting rates per unit',
    rowAt: unitDomain,
    list: (f) =>
      (['p1', 'p2', 'p3', 'p4'] as const).map((p) => ({
        url: `/api/reporting/completeness?form=${form(f, p).code}&period=${form(f, p).period}&parent=${pos(p).city}`,
      })),
    rows: (answer, f) => {
      const a = answer as { formCode: string; units: Array<{ unitCode: string }> };
      return a.units.map((u) => ({ units: [u.unitCode], domain: formDomain(f, a.formCode) }));
    },
  },
  'GET /api/reporting/late': {
    resource: 'late submissions',
    rowAt: unitDomain,
    list: () => [{ url: '/api/reporting/late' }],
    rows: (answer, f) =>
      (answer as { items: Array<{ unitCode: string; formCode: string }> }).items.map((i) => ({
        units: [i.unitCode],
        domain: formDomain(f, i.formCode),
      })),
  },
  'GET /api/notifications': {
    resource: 'notifications of a unit',
    rowAt: (p) => ({ parties: [pos(p).unit] }),
    visible: ownUnitOnly,
    list: () => [{ url: '/api/notifications?limit=200' }],
    rows: () => [],
  },
  'POST /api/notifications/:id/read': {
    resource: 'notifications of a unit (mark read)',
    rowAt: (p) => ({ parties: [pos(p).unit] }),
    visible: ownUnitOnly,
    probe: (f, p) => ({ url: `/api/notifications/${f.at[p].notification}/read` }),
    tables: ['notification_reads'],
  },
  'POST /api/notifications/read-all': {
    unscoped: 'marks the notifications of the caller’s own unit read for the caller only (user id)',
  },
  'GET /api/reporting/webhooks/:unitCode': {
    resource: 'unit webhook',
    rowAt: (p) => ({ parties: [pos(p).unit] }),
    visible: (a, row) => ownUnitOnly(a, row) || a.role === 'sysadmin' || a.role === 'supervisor',
    probe: (_f, p) => ({ url: `/api/reporting/webhooks/${pos(p).unit}` }),
    rows: () => [],
  },
  'PUT /api/reporting/webhooks/:unitCode': {
    resource: 'unit webhook (set)',
    rowAt: (p) => ({ parties: [pos(p).unit] }),
    visible: (a, row) => ownUnitOnly(a, row) || a.role === 'sysadmin' || a.role === 'supervisor',
    probe: (_f, p) => ({
      url: `/api/reporting/webhooks/${pos(p).unit}`,
      body: { url: 'https://hooks.example.gov.cn/minsheng' },
    }),
    tables: ['unit_webhooks'],
  },
};

function formDomain(f: ScopeFixture, formCode: string): string | null {
  for (const d of ['D01', 'D07'] as const) if (f.forms[d].code === formCode) return d;
  return null;
}

// ── Reporting import/export ────────────────────────────────────────────────────────────────

/** Rows of a CSV answer: the first six-digit cell is the unit, an element code gives the domain. */
export const csvRows = (text: string, f: ScopeFixture): RowScope[] =>
  text
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
      const element = cells.find((c) => f.elementDomains.has(c));
      return {
        units: cells.filter((c) => /^44\d{4}$/.test(c)).slice(0, 1),
        domain: element ? (f.elementDomains.get(element) ?? null) : null,
      };
    });

const valueList = (url: (f: ScopeFixture) => string): ScopedEntry => ({
  resource: 'reporting values (file export)',
  rowAt: unitDomain,
  list: (f) => [{ url: url(f) }],
});

const reportingIo: Record<string, ScopeEntry> = {
  'GET /api/reporting-io/template': {
    resource: 'Excel template with current values',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: `/api/reporting-io/template?formCode=${form(f, p).code}&units=${pos(p).unit}&from=${form(f, p).period}`,
    }),
  },
  'GET /api/reporting-io/export.csv': {
    ...valueList(
      (f) =>
        `/api/reporting-io/export.csv?units=${allPositionUnits}&periods=${f.forms.D01.period},${f.forms.D07.period}&elements=${f.forms.D01.element},${f.forms.D07.element}`,
    ),
  },
  'POST /api/reporting-io/import/json': {
    resource: 'reporting values (JSON import)',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: '/api/reporting-io/import/json',
      body: { values: [valueImport(f, p)] },
    }),
    tables: VALUE_TABLES,
    refused: IMPORT_REFUSED,
  },
  'POST /api/reporting-io/import/csv': {
    resource: 'reporting values (CSV import)',
    rowAt: unitDomain,
    probe: (f, p) => {
      const v = valueImport(f, p);
      return {
        url: '/api/reporting-io/import/csv',
        raw: {
          payload: `elementCode,unitCode,period,value\n${v.elementCode},${v.unitCode},${v.period},${v.value}\n`,
          contentType: 'text/csv',
        },
      };
    },
    tables: VALUE_TABLES,
    refused: IMPORT_REFUSED,
  },
  'POST /api/reporting-io/import/xlsx': {
    resource: 'reporting values (Excel import)',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: '/api/reporting-io/import/xlsx',
      raw: { payload: f.files[p].valuesXlsx, contentType: XLSX },
    }),
    tables: VALUE_TABLES,
    refused: IMPORT_REFUSED,
  },
  'GET /api/dhis2/dataValueSets': valueList(
    (f) =>
      `/api/dhis2/dataValueSets?${allPositionUnitsQuery('orgUnit')}&period=${f.forms.D01.period.replace('-', '')}&period=${f.forms.D07.period.replace('-', '')}&dataElement=${f.forms.D01.element}&dataElement=${f.forms.D07.element}`,
  ),
  'GET /api/dhis2/dataValueSets.json': valueList(
    (f) =>
      `/api/dhis2/dataValueSets.json?${allPositionUnitsQuery('orgUnit')}&period=${f.forms.D01.period.replace('-', '')}&period=${f.forms.D07.period.replace('-', '')}&dataElement=${f.forms.D01.element}&dataElement=${f.forms.D07.element}`,
  ),
  'GET /api/dhis2/dataValueSets.csv': valueList(
    (f) =>
      `/api/dhis2/dataValueSets.csv?${allPositionUnitsQuery('orgUnit')}&period=${f.forms.D01.period.replace('-', '')}&period=${f.forms.D07.period.replace('-', '')}&dataElement=${f.forms.D01.element}&dataElement=${f.forms.D07.element}`,
  ),
  'POST /api/dhis2/dataValueSets': {
    resource: 'reporting values (DHIS2 import)',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: '/api/dhis2/dataValueSets',
      body: {
        dataValues: [
          {
            dataElement: form(f, p).element,
            orgUnit: pos(p).unit,
            period: form(f, p).period.replace('-', ''),
            value: '4321',
          },
        ],
      },
    }),
    tables: VALUE_TABLES,
    refused: (status, body) =>
      status === 403 || status === 404 || (status === 409 && body.includes('"imported":0')),
  },
};

function allPositionUnitsQuery(name: string): string {
  return Object.values(POSITIONS)
    .map((p) => `${name}=${p.unit}`)
    .join('&');
}

// ── Analytics ──────────────────────────────────────────────────────────────────────────────

const analytics: Record<string, ScopeEntry> = {
  'GET /api/analytics/overview': {
    resource: 'analytics of a unit',
    rowAt: unitOnly,
    probe: (_f, p) => ({ url: `/api/analytics/overview?unit=${pos(p).unit}` }),
    rows: (answer) =>
      (answer as { domains: Array<{ code: string }> }).domains.map((d) => ({ domain: d.code })),
  },
  'GET /api/analytics/targets/:code': {
    resource: 'analytics of a target at a unit',
    rowAt: unitDomain,
    probe: (f, p) => ({
      url: `/api/analytics/targets/${f.targets[domainOf(p)]}?unit=${pos(p).unit}`,
    }),
  },
  'GET /api/analytics/targets/:code/units': {
    resource: 'analytics of a target across a unit’s children',
    rowAt: (p) => ({ units: [pos(p).city], domain: pos(p).domain }),
    probe: (f, p) => ({
      url: `/api/analytics/targets/${f.targets[domainOf(p)]}/units?unit=${pos(p).city}`,
    }),
  },
  'GET /api/analytics/targets/:code/regions': {
    resource: 'province-wide region comparison of a target',
    rowAt: (p) => ({ units: ['440000'], domain: pos(p).domain }),
    probe: (f, p) => ({ url: `/api/analytics/targets/${f.targets[domainOf(p)]}/regions` }),
  },
  'GET /api/analytics/cities': {
    resource: 'cities’ composite',
    rowAt: (p) => ({ units: [pos(p).city] }),
    list: () => [{ url: '/api/analytics/cities' }],
    rows: (answer) =>
      (answer as { cities: Array<{ code: string }> }).cities.map((c) => ({ units: [c.code] })),
  },
  'POST /api/analytics/export': {
    unscoped: 'renders the table the caller sends as xlsx; reads no stored data',
  },
  'GET /api/analytics/published': { provinceWide: 'analytics.publish: the public portal’s list' },
  'PUT /api/analytics/published/:code': { provinceWide: 'analytics.publish' },
  'DELETE /api/analytics/published/:code': { provinceWide: 'analytics.publish' },
};

// ── Service areas ──────────────────────────────────────────────────────────────────────────

const areaRow = (p: Position): RowScope => ({ units: [pos(p).unit], domain: 'D07' });
const areaBody = (p: Position, name: string) => ({
  name,
  road: 'S999范围测试高速',
  roadClass: 'expressway',
  direction: '双向',
  cityCode: pos(p).city,
  countyCode: pos(p).unit,
  longitude: 113.3,
  latitude: 23.1,
  parkingSpaces: 120,
  chargingSpaces: 12,
  chargerCount: 6,
  chargerPowerKw: 120,
  status: 'existing',
  reason: '范围测试',
});
const AREA_TABLES: Array<string | [string, string]> = [
  'service_areas',
  ['service_area_history', 'county_code'],
];
/** Every area record in an answer (objects with a road), judged by its county or city. */
const areaRows = (answer: unknown): RowScope[] => {
  const out: RowScope[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.road === 'string' && typeof o.cityCode === 'string')
        out.push({ units: [(o.countyCode as string | null) ?? o.cityCode], domain: 'D07' });
      Object.values(o).forEach(walk);
    }
  };
  walk(answer);
  return out;
};

const serviceAreas: Record<string, ScopeEntry> = {
  'GET /api/service-areas': {
    resource: 'service areas',
    rowAt: areaRow,
    list: () => [{ url: '/api/service-areas' }],
    rows: areaRows,
    marker: (p) => `范围测试服务区${Object.keys(POSITIONS).indexOf(p)}`,
  },
  'GET /api/service-areas/:id': {
    resource: 'service area',
    rowAt: areaRow,
    probe: (f, p) => ({ url: `/api/service-areas/${f.at[p].serviceArea}` }),
  },
  'POST /api/service-areas': {
    resource: 'service area (create)',
    rowAt: areaRow,
    probe: (_f, p) => ({ url: '/api/service-areas', body: areaBody(p, `范围测试新建服务区${p}`) }),
    tables: AREA_TABLES,
  },
  'PUT /api/service-areas/:id': {
    resource: 'service area (edit)',
    rowAt: areaRow,
    probe: (f, p) => ({
      url: `/api/service-areas/${f.at[p].serviceArea}`,
      body: areaBody(p, `范围测试服务区${Object.keys(POSITIONS).indexOf(p)}`),
    }),
    tables: AREA_TABLES,
  },
  'DELETE /api/service-areas/:id': {
    resource: 'service area (delete)',
    rowAt: areaRow,
    probe: (f, p) => ({
      url: `/api/service-areas/${f.at[p].serviceArea}`,
      body: { reason: '范围测试' },
    }),
    tables: AREA_TABLES,
    consumes: true,
  },
  'POST /api/service-areas/import': {
    resource: 'service areas (CSV import)',
    rowAt: areaRow,
    probe: (_f, p) => ({
      url: '/api/service-areas/import',
      body: {
        fileName: 'areas.csv',
        contentBase64: Buffer.from(areaCsv(p)).toString('base64'),
        mode: 'upsert',
      },
    }),
    tables: AREA_TABLES,
    refused: (status) => status === 403 || status === 404 || status === 422 || status === 400,
  },
  'GET /api/service-areas/compliance': {
    resource: 'service-area compliance',
    rowAt: areaRow,
    list: () => [{ url: '/api/service-areas/compliance?limit=1000' }],
    rows: areaRows,
    marker: (p) => `范围测试服务区${Object.keys(POSITIONS).indexOf(p)}`,
  },
  // The gap plan sums the visible areas per city: a county sees its own areas under its city's
  // name, so the markers are the other cities' names (梅江区 shares 梅州市 with 梅县区).
  'GET /api/service-areas/gap-plan': {
    resource: 'service-area gap plan per city',
    rowAt: areaRow,
    list: () => [{ url: '/api/service-areas/gap-plan' }],
    rows: () => [],
    marker: cityMarker,
  },
  'GET /api/service-areas/gap-plan.xlsx': {
    resource: 'service-area gap plan per city (xlsx)',
    rowAt: areaRow,
    list: () => [{ url: '/api/service-areas/gap-plan.xlsx' }],
    marker: cityMarker,
  },
};

function cityMarker(p: Position): string {
  const names: Record<Position, string> = {
    p1: '梅州市',
    p2: '(梅州市: p1’s city)',
    p3: '汕头市',
    p4: '广州市',
  };
  return names[p];
}

function areaCsv(p: Position): string {
  const b = areaBody(p, `范围测试导入服务区${p}`);
  const row = [
    b.name,
    b.road,
    '高速公路',
    b.direction,
    b.cityCode,
    b.countyCode,
    b.longitude,
    b.latitude,
    b.parkingSpaces,
    b.chargingSpaces,
    b.chargerCount,
    b.chargerPowerKw,
    '已建',
    '',
    '测试',
  ];
  return toCsv([row]);
}

// ── Ledgers and evidence ───────────────────────────────────────────────────────────────────

const ledgerRow = (p: Position): RowScope => ({
  units: [pos(p).unit, pos(p).city],
  domain: pos(p).domain,
});
const ledgerRows = (answer: unknown): RowScope[] =>
  (
    answer as {
      items: Array<{
        ownerUnitCode: string;
        cooperatingUnits: Array<{ code: string }>;
        cityCode: string | null;
        domainCode: string;
      }>;
    }
  ).items.map((i) => ({
    units: [i.ownerUnitCode, ...i.cooperatingUnits.map((c) => c.code), i.cityCode],
    domain: i.domainCode,
  }));
const EVIDENCE: [string, string] = ['evidence_files', 'unit_code'];
const LEDGER_TABLES = ['ledger_items', 'ledger_milestones', 'ledger_progress_reports', EVIDENCE];
const ledgerBody = (p: Position) => ({
  taskNumber: pos(p).domain === 'D01' ? 1 : 0,
  title: `范围测试新建台账 ${pos(p).label}`,
  description: '',
  ownerUnitCode: pos(p).unit,
  cooperatingUnits: [],
  cityCode: pos(p).city,
  startDate: '2026-01-01',
  dueDate: '2027-12-31',
  budget: null,
  targetCodes: [],
  milestones: [],
});

const ledgers: Record<string, ScopeEntry> = {
  'GET /api/ledgers': {
    resource: 'ledger items',
    rowAt: ledgerRow,
    list: () => [
      { url: '/api/ledgers' },
      { url: '/api/ledgers?domain=D07' },
      { url: '/api/ledgers?city=440100' },
    ],
    rows: ledgerRows,
  },
  'GET /api/ledgers/export.xlsx': {
    resource: 'ledger items (xlsx)',
    rowAt: ledgerRow,
    list: () => [{ url: '/api/ledgers/export.xlsx' }],
  },
  'GET /api/ledgers/:id': {
    resource: 'ledger item',
    rowAt: ledgerRow,
    probe: (f, p) => ({ url: `/api/ledgers/${f.at[p].ledger}` }),
  },
  'GET /api/ledgers/:id/proposal': {
    resource: 'ledger item (proposed status)',
    rowAt: ledgerRow,
    probe: (f, p) => ({ url: `/api/ledgers/${f.at[p].ledger}/proposal?percentDone=50` }),
  },
  'POST /api/ledgers': {
    resource: 'ledger item (create)',
    rowAt: ledgerRow,
    probe: (f, p) => ({
      url: '/api/ledgers',
      body: { ...ledgerBody(p), taskNumber: f.taskNumbers[domainOf(p)] },
    }),
    tables: LEDGER_TABLES,
  },
  'PUT /api/ledgers/:id': {
    resource: 'ledger item (edit)',
    rowAt: ledgerRow,
    probe: (f, p) => ({
      url: `/api/ledgers/${f.at[p].ledger}`,
      body: {
        ...ledgerBody(p),
        taskNumber: f.taskNumbers[domainOf(p)],
        title: `范围测试台账 ${pos(p).label}`,
        milestones: [
          {
            id: f.at[p].ledgerMilestone,
            title: '完成建设',
            dueDate: '2027-06-30',
            definitionOfDone: '验收通过',
          },
        ],
        version: 1,
      },
    }),
    tables: LEDGER_TABLES,
  },
  'DELETE /api/ledgers/:id': {
    resource: 'ledger item (delete)',
    rowAt: ledgerRow,
    probe: (f, p) => ({ url: `/api/ledgers/${f.at[p].ledger}` }),
    tables: LEDGER_TABLES,
    consumes: true,
  },
  'POST /api/ledgers/:id/progress': {
    resource: 'ledger progress report',
    rowAt: ledgerRow,
    probe: (f, p) => ({
      url: `/api/ledgers/${f.at[p].ledger}/progress`,
      form: { percentDone: '55', text: '范围测试进展' },
    }),
    tables: LEDGER_TABLES,
  },
  'POST /api/ledgers/import': {
    resource: 'ledger items (Excel import)',
    rowAt: ledgerRow,
    probe: (f, p) => ({
      url: '/api/ledgers/import',
      raw: { payload: f.files[p].ledgerXlsx, contentType: XLSX },
    }),
    tables: LEDGER_TABLES,
    refused: IMPORT_REFUSED,
  },
  'GET /api/evidence/:id': {
    resource: 'evidence file (progress report)',
    rowAt: unitDomain,
    probe: (f, p) => ({ url: `/api/evidence/${f.at[p].evidence}` }),
  },
};

// ── Supervision and inspections ────────────────────────────────────────────────────────────

const itemRow = (p: Position): RowScope => ({ units: [pos(p).unit], domain: pos(p).domain });
const itemRows = (answer: unknown): RowScope[] => {
  const out: RowScope[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.targetUnitCode === 'string')
        out.push({
          units: [o.targetUnitCode],
          domain: (o.domainCode as string | null) ?? null,
          parties: [o.issuerUnitCode as string, o.targetUnitCode],
        });
      Object.values(o).forEach(walk);
    }
  };
  walk(answer);
  return out;
};
/** The target unit answers (a city also for its counties). */
const replier = (a: AccountScope, row: RowScope) => {
  const unit = row.units![0]!;
  return a.ownUnit === unit || (a.role === 'city' && a.units !== 'all' && a.units(unit));
};
const ITEM_TABLES = ['supervision_items', 'supervision_events', EVIDENCE];

const supervision: Record<string, ScopeEntry> = {
  'GET /api/supervision/items': {
    resource: 'supervision items',
    rowAt: itemRow,
    list: () => [
      { url: '/api/supervision/items' },
      { url: '/api/supervision/items?targetUnit=440106' },
    ],
    rows: itemRows,
  },
  'GET /api/supervision/board': {
    resource: 'supervision board',
    rowAt: itemRow,
    list: () => [{ url: '/api/supervision/board' }],
    rows: itemRows,
  },
  'GET /api/supervision/items/:id': {
    resource: 'supervision item',
    rowAt: itemRow,
    probe: (f, p) => ({ url: `/api/supervision/items/${f.at[p].supervision}` }),
  },
  'POST /api/supervision/items': {
    resource: 'supervision item (issue)',
    rowAt: domainOnly,
    probe: (_f, p) => ({
      url: '/api/supervision/items',
      body: {
        level: 'general',
        title: `范围测试发起督办 ${pos(p).label}`,
        body: '范围测试',
        targetUnitCode: pos(p).unit,
        domainCode: pos(p).domain,
      },
    }),
    tables: ITEM_TABLES,
  },
  'POST /api/supervision/items/:id/replies': {
    resource: 'supervision item (reply)',
    rowAt: itemRow,
    visible: replier,
    probe: (f, p) => ({
      url: `/api/supervision/items/${f.at[p].supervision}/replies`,
      form: { text: '范围测试答复：已整改完毕。' },
    }),
    tables: ITEM_TABLES,
  },
  'POST /api/supervision/items/:id/accept': {
    resource: 'supervision item (销号)',
    rowAt: itemRow,
    visible: (a) => a.role === 'supervisor',
    probe: (f, p) => ({ url: `/api/supervision/items/${f.at[p].replied}/accept`, body: {} }),
    tables: ITEM_TABLES,
    consumes: true,
  },
  'POST /api/supervision/items/:id/return': {
    resource: 'supervision item (退回)',
    rowAt: itemRow,
    visible: (a) => a.role === 'supervisor',
    probe: (f, p) => ({
      url: `/api/supervision/items/${f.at[p].replied}/return`,
      body: { reason: '范围测试退回' },
    }),
    tables: ITEM_TABLES,
    consumes: true,
  },
  'GET /api/supervision/rules': { unscoped: 'rule settings (thresholds), no unit data' },
  'PUT /api/supervision/rules': { provinceWide: 'supervision.admin' },
  'POST /api/supervision/rules/run': { provinceWide: 'supervision.admin' },
  'GET /api/inspections': {
    resource: 'inspections',
    rowAt: unitDomain,
    list: () => [{ url: '/api/inspections' }],
    rows: (answer) =>
      (
        answer as {
          inspections: Array<{
            cityCode: string;
            countyCode: string | null;
            domainCode: string | null;
            items: unknown[];
          }>;
        }
      ).inspections
        .filter((i) => i.items.length === 0)
        .map((i) => ({ units: [i.countyCode ?? i.cityCode], domain: i.domainCode })),
  },
  'GET /api/inspections/:id': {
    resource: 'inspection',
    rowAt: unitDomain,
    probe: (f, p) => ({ url: `/api/inspections/${f.at[p].inspection}` }),
  },
  'POST /api/inspections': {
    provinceWide: 'supervision.admin: the supervision office records visits',
  },
};

// ── Cases ──────────────────────────────────────────────────────────────────────────────────

/** The office sees every case; a submitting unit its own (a city its counties’). */
const caseOwner = (a: AccountScope, row: RowScope) => {
  const unit = row.units![0]!;
  if (a.role === 'supervisor') return true;
  if (a.role !== 'city' && a.role !== 'county' && a.role !== 'department') return false;
  return a.ownUnit === unit || (a.units !== 'all' && a.units(unit));
};
const caseData = (p: Position, f: ScopeFixture) =>
  JSON.stringify({
    title: `范围测试案例 ${pos(p).label}`,
    domainCode: pos(p).domain,
    taskNumber: f.taskNumbers[domainOf(p)],
    summary: '范围测试案例摘要',
    results: '范围测试成效',
    figures: [],
  });
const CASE_TABLES = ['case_submissions', EVIDENCE];

const cases: Record<string, ScopeEntry> = {
  'GET /api/cases/calls': { unscoped: 'calls for cases are province-wide announcements' },
  'GET /api/cases/calls/:id': {
    resource: 'case submissions of a call',
    rowAt: unitDomain,
    visible: caseOwner,
    list: (f) => [{ url: `/api/cases/calls/${f.caseCall}` }],
    rows: (answer) =>
      (answer as { submissions: Array<{ unitCode: string; domainCode: string }> }).submissions.map(
        (s) => ({
          units: [s.unitCode],
          domain: s.domainCode,
        }),
      ),
  },
  'GET /api/cases/attachments/:id': {
    resource: 'case attachment',
    rowAt: unitDomain,
    visible: caseOwner,
    probe: (f, p) => ({ url: `/api/cases/attachments/${f.at[p].caseAttachment}` }),
  },
  'POST /api/cases/calls/:id/submissions': {
    resource: 'case submission (submit, the caller’s own unit)',
    rowAt: domainOnly,
    probe: (f, p) => ({
      url: `/api/cases/calls/${f.caseCall}/submissions`,
      form: { data: caseData(p, f) },
    }),
    tables: CASE_TABLES,
  },
  'PUT /api/cases/submissions/:id': {
    resource: 'case submission (edit)',
    rowAt: unitDomain,
    visible: (a, row) => a.role !== 'supervisor' && caseOwner(a, row),
    probe: (f, p) => ({
      url: `/api/cases/submissions/${f.at[p].caseSubmission}`,
      form: { data: caseData(p, f) },
    }),
    tables: CASE_TABLES,
  },
  'POST /api/cases/submissions/:id/scores': {
    resource: 'case score (assigned reviewers only; none in the fixture)',
    rowAt: unitDomain,
    visible: () => false,
    probe: (f, p) => ({
      url: `/api/cases/submissions/${f.at[p].caseSubmission}/scores`,
      body: { scores: { innovation: 8 }, comment: '范围测试' },
    }),
    tables: ['case_scores'],
    refused: (status) => status === 403 || status === 404 || status === 409,
  },
  'POST /api/cases/calls': { provinceWide: 'case.manage' },
  'PUT /api/cases/calls/:id': { provinceWide: 'case.manage' },
  'POST /api/cases/calls/:id/publish': { provinceWide: 'case.manage' },
  'GET /api/cases/calls/:id/ranking': { provinceWide: 'case.manage' },
  'PUT /api/cases/calls/:id/reviewers': { provinceWide: 'case.manage' },
  'POST /api/cases/calls/:id/status': { provinceWide: 'case.manage' },
  'GET /api/cases/reviewer-candidates': { provinceWide: 'case.manage' },
};

// ── Surveys, satisfaction, hotline ─────────────────────────────────────────────────────────

const COUNTY_NAMES: Record<string, string> = {
  '441403': '梅县区',
  '441402': '梅江区',
  '440507': '龙湖区',
  '440106': '天河区',
};
const placeRows = (answer: unknown): RowScope[] => {
  const out: RowScope[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (
        typeof o.placeCode === 'string' &&
        /^\d{6}$/.test(o.placeCode) &&
        o.placeCode !== '440000'
      )
        out.push({ units: [o.placeCode] });
      Object.values(o).forEach(walk);
    }
  };
  walk(answer);
  return out;
};

const surveys: Record<string, ScopeEntry> = {
  'GET /api/surveys': { unscoped: 'survey definitions are province-wide questionnaires' },
  'GET /api/surveys/:id': { unscoped: 'a survey definition (questions), no answers' },
  'POST /api/surveys': { provinceWide: 'survey.manage' },
  'PUT /api/surveys/:id': { provinceWide: 'survey.manage' },
  'POST /api/surveys/:id/waves': { provinceWide: 'survey.manage' },
  'PUT /api/surveys/:id/waves/:waveId': { provinceWide: 'survey.manage' },
  'POST /api/surveys/:id/panel-links': { provinceWide: 'survey.manage' },
  'GET /api/surveys/:id/links': {
    resource: 'survey links per place',
    rowAt: unitOnly,
    list: (f) => [{ url: `/api/surveys/${f.survey.id}/links` }],
    rows: placeRows,
  },
  'GET /api/surveys/:id/links/:placeCode/qr': {
    resource: 'survey link QR of a place',
    rowAt: unitOnly,
    probe: (f, p) => ({ url: `/api/surveys/${f.survey.id}/links/${pos(p).unit}/qr` }),
  },
  'GET /api/surveys/:id/responses/export': {
    resource: 'survey answers',
    rowAt: unitOnly,
    list: (f) => [
      { url: `/api/surveys/${f.survey.id}/responses/export?wave=${f.survey.wave}&format=csv` },
    ],
    marker: (p) => COUNTY_NAMES[pos(p).unit]!,
  },
  'GET /api/satisfaction/index': {
    resource: 'satisfaction index per place',
    rowAt: unitOnly,
    list: (f) => [{ url: `/api/satisfaction/index?surveyId=${f.survey.id}&level=county` }],
    rows: placeRows,
  },
  'GET /api/satisfaction/index/export': {
    resource: 'satisfaction index per place (xlsx)',
    rowAt: unitOnly,
    list: (f) => [{ url: `/api/satisfaction/index/export?surveyId=${f.survey.id}&level=county` }],
    marker: (p) => COUNTY_NAMES[pos(p).unit]!,
  },
  'GET /api/hotline/closure': {
    resource: '12345 closure rates per place',
    rowAt: unitOnly,
    list: () => [{ url: '/api/hotline/closure?from=2026-01&to=2026-01&level=county' }],
    rows: placeRows,
  },
  'GET /api/hotline/imports': {
    unscoped: 'the list of imported 12345 files (name, counts), no rows',
  },
  'POST /api/hotline/imports': { provinceWide: 'hotline.import' },
};

// ── Plan revisions, 中期评估, 十件民生实事 ───────────────────────────────────────────────────

/** One row per domain a proposal touches; its proposing unit always sees it. */
const changeRows = (answer: unknown): RowScope[] =>
  (answer as Array<{ domainCodes: string[]; proposedUnit: string | null }>).flatMap((c) =>
    (c.domainCodes.length ? c.domainCodes : [null]).map((domain) => ({
      domain,
      parties: [c.proposedUnit],
    })),
  );
const CHANGE_TABLES = ['plan_change_requests', 'plan_revisions'];

const planRevisions: Record<string, ScopeEntry> = {
  'GET /api/plan/revisions': { unscoped: 'the plan’s revisions are one public document' },
  'GET /api/plan/revisions/:number': { unscoped: 'a whole revision of the public plan' },
  'GET /api/plan/diff': { unscoped: 'the difference between two revisions of the public plan' },
  'GET /api/plan/targets/:code/history': {
    unscoped: 'a target across the public plan’s revisions (each readable in full)',
  },
  'GET /api/plan/changes': {
    resource: 'target-change proposals (the supervisor all; a department its own domains’)',
    rowAt: domainOnly,
    list: () => [{ url: '/api/plan/changes' }],
    rows: changeRows,
  },
  'POST /api/plan/changes': {
    resource: 'target-change proposal (propose; a department for the domains it leads)',
    rowAt: domainOnly,
    probe: (f, p) => ({
      url: '/api/plan/changes',
      body: {
        changes: [
          {
            op: 'modify',
            code: f.targets[domainOf(p)],
            set: { text: `范围测试提出调整 ${pos(p).label}` },
          },
        ],
        reason: `范围测试提出调整 ${pos(p).label}`,
        effectiveFrom: '2026-01-01',
      },
    }),
    tables: CHANGE_TABLES,
  },
  'POST /api/plan/changes/:id/approve': { provinceWide: 'plan.approve' },
  'POST /api/plan/changes/:id/reject': { provinceWide: 'plan.approve' },
  'POST /api/plan/changes/:id/withdraw': {
    resource: 'target-change proposal (withdraw; its proposer only)',
    // parties: the proposing account's role (one account per role in the fixture).
    rowAt: (p) => ({ domain: pos(p).domain, parties: [PROPOSER[p]] }),
    visible: (a, row) => row.parties?.[0] === a.role,
    probe: (f, p) => ({ url: `/api/plan/changes/${f.at[p].planChange}/withdraw`, body: {} }),
    tables: CHANGE_TABLES,
    consumes: true,
  },
};

const evaluations: Record<string, ScopeEntry> = {
  // Like a 通报: a snapshot of province-wide figures, one document for everyone who reads tasks.
  'GET /api/evaluations': { unscoped: '中期评估 are province-wide documents (like 通报)' },
  'GET /api/evaluations/:id': { unscoped: 'a province-wide 中期评估 and its assessments' },
  'GET /api/evaluations/:id/docx': { unscoped: 'a province-wide 中期评估' },
  'GET /api/evaluations/:id/xlsx': { unscoped: 'a province-wide 中期评估' },
  'POST /api/evaluations': { provinceWide: 'evaluation.manage' },
  'POST /api/evaluations/:id/sign': { provinceWide: 'evaluation.manage' },
  'PUT /api/evaluations/:id/assessments/:targetCode': {
    resource: '中期评估 assessment of a target (a department for the domains it leads)',
    rowAt: domainOnly,
    probe: (f, p) => ({
      url: `/api/evaluations/${f.evaluation}/assessments/${f.targets[domainOf(p)]}`,
      body: { action: 'keep', text: `范围测试评估意见 ${pos(p).label}` },
    }),
    tables: ['midterm_assessments', 'midterm_evaluations'],
  },
};

const practicalMatters: Record<string, ScopeEntry> = {
  'GET /api/practical-matters': {
    unscoped: '十件民生实事: the province’s yearly list, judged on province-level values only',
  },
  'GET /api/practical-matters/:id': { unscoped: 'one province-level practical matter' },
  'GET /api/practical-matters/export': { unscoped: 'the province’s yearly list (xlsx)' },
  'POST /api/practical-matters': { provinceWide: 'matters.manage' },
  'PUT /api/practical-matters/:id': { provinceWide: 'matters.manage' },
  'DELETE /api/practical-matters/:id': { provinceWide: 'matters.manage' },
};

// ── The rest ───────────────────────────────────────────────────────────────────────────────

const rest: Record<string, ScopeEntry> = {
  'POST /api/auth/login': { unscoped: 'public: signs in' },
  'POST /api/auth/logout': { unscoped: 'ends the caller’s own session' },
  'GET /api/auth/me': { unscoped: 'the caller’s own account' },
  'POST /api/auth/password': { unscoped: 'the caller’s own password' },
  'GET /api/auth/oidc': { unscoped: 'public: whether single sign-on is on' },
  'GET /api/auth/oidc/login': { unscoped: 'public: starts single sign-on' },
  'GET /api/auth/oidc/callback': { unscoped: 'public: single sign-on callback' },
  'GET /api/geo/guangdong': { unscoped: 'public: map boundaries' },
  'GET /api/org-units': { unscoped: 'the administrative directory (codes, names), no unit data' },
  'GET /api/plan': { unscoped: 'the plan in force is one public document' },
  'GET /api/public/cases': { unscoped: 'public: published winning cases' },
  'GET /api/public/cases/attachments/:id': { unscoped: 'public: attachments of published winners' },
  'GET /api/public/hotline/disclosure': { unscoped: 'public: the 12345 disclosure' },
  'GET /api/public/progress': { unscoped: 'public: published targets' },
  'GET /api/public/surveys/:surveyId': { unscoped: 'public: the survey a citizen answers' },
  'POST /api/public/surveys/:surveyId/responses': { unscoped: 'public: a citizen’s answer' },
  'GET /api/bulletins': {
    unscoped:
      '通报 are province-wide documents; drafts only for bulletin.manage (bulletins.routes.test.ts)',
  },
  'GET /api/bulletins/:id': { unscoped: 'a province-wide 通报' },
  'GET /api/bulletins/:id/docx': { unscoped: 'a province-wide 通报' },
  'GET /api/bulletins/:id/html': { unscoped: 'a province-wide 通报' },
  'POST /api/bulletins': { provinceWide: 'bulletin.manage' },
  'PUT /api/bulletins/:id': { provinceWide: 'bulletin.manage' },
  'POST /api/bulletins/:id/publish': { provinceWide: 'bulletin.manage' },
  'GET /api/users': { provinceWide: 'user.manage' },
  'POST /api/users': { provinceWide: 'user.manage' },
  'GET /api/audit/events': { provinceWide: 'audit.read' },
  'GET /api/audit/verify': { provinceWide: 'audit.read' },
};

export const SCOPE_MATRIX: Record<string, ScopeEntry> = {
  ...reporting,
  ...reportingIo,
  ...analytics,
  ...serviceAreas,
  ...ledgers,
  ...supervision,
  ...cases,
  ...surveys,
  ...planRevisions,
  ...evaluations,
  ...practicalMatters,
  ...rest,
};
