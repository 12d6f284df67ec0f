// First start on an empty database: migrate, load the org units, import the seed plan, create
// the administrator and one demo account per role with random passwords (printed once and
// kept in the data directory for the user), and load the demo data.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { REPO_ROOT } from '../../config';
import type { Role } from '../../db/schema';
import { OrgDirectory, ensureAdministrativeUnits } from '../org-units/org-units.service';
import { importPlan, loadCurrentPlan, parsePlanOrThrow } from '../plan/plan.service';
import { createUser } from '../users/users.service';
import { generatePassword } from '../auth/password';
import { seedDemo } from '../demo/demo.service';
import { syncFormsWithPlan } from '../reporting/forms.service';
import type { Plan } from '../../../../core/plan/schema';

export const DEFAULT_PLAN_FILE = path.join(REPO_ROOT, 'plans', 'guangdong-2023-2027.yaml');
const SYSTEM = 'system:bootstrap';

export interface Credential {
  username: string;
  password: string;
  role: Role;
  unit: string | null;
  description: string;
}

export interface BootstrapResult {
  migrations: string[];
  planImported: boolean;
  credentials: Credential[];
  demoValues: number | null;
}

export async function bootstrap(
  database: Database,
  options: { dataDir: string; planFile?: string; demo: boolean; seed?: number },
): Promise<BootstrapResult> {
  const db = database.db;
  const migrations = await migrateToLatest(database);
  await ensureAdministrativeUnits(db);

  let current = await loadCurrentPlan(db);
  let planImported = false;
  if (!current) {
    const file = options.planFile ?? DEFAULT_PLAN_FILE;
    const plan = parsePlanOrThrow(fs.readFileSync(file, 'utf8'), file);
    await importPlan(db, plan, { label: SYSTEM, reason: `初始导入 ${path.basename(file)}` });
    current = await loadCurrentPlan(db);
    planImported = true;
  }
  const plan = current!.plan;
  // Databases whose plan predates the reporting forms get them now (only adds what is missing).
  await syncFormsWithPlan(db, plan, SYSTEM);

  const userCount = await db
    .selectFrom('users')
    .select(db.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const credentials =
    Number(userCount.n) === 0 ? await createInitialAccounts(database, plan, options.dataDir) : [];

  let demoValues: number | null = null;
  if (options.demo) {
    const existing = await db
      .selectFrom('data_values')
      .select('period')
      .limit(1)
      .executeTakeFirst();
    if (!existing) {
      const orgs = await OrgDirectory.load(db);
      demoValues = (await seedDemo(db, plan, orgs, { seed: options.seed ?? 2027, label: SYSTEM }))
        .values;
    }
  }
  return { migrations, planImported, credentials, demoValues };
}

/** The accounts a first start creates; departments are looked up by name in the plan. */
export function initialAccountSpecs(
  plan: Plan,
): Array<Omit<Credential, 'password'> & { displayName: string }> {
  const dept = (name: string) => plan.units.find((u) => u.name === name)?.code ?? null;
  const specs = [
    {
      username: 'admin',
      displayName: '系统管理员',
      role: 'sysadmin' as const,
      unit: null,
      description: '系统管理员 administrator',
    },
    {
      username: 'duchashi',
      displayName: '省政府督查室',
      role: 'supervisor' as const,
      unit: dept('省政府督查室'),
      description: '督查室 supervision office',
    },
    {
      username: 'renshe',
      displayName: '省人力资源社会保障厅',
      role: 'department' as const,
      unit: dept('省人力资源社会保障厅'),
      description: '牵头部门 lead department (就业)',
    },
    {
      username: 'jiaotong',
      displayName: '省交通运输厅',
      role: 'department' as const,
      unit: dept('省交通运输厅'),
      description: '牵头部门 lead department (交通、服务区充电)',
    },
    {
      username: 'meizhou',
      displayName: '梅州市民生办',
      role: 'city' as const,
      unit: '441400',
      description: '地市 梅州市 city coordinator',
    },
    {
      username: 'meixian',
      displayName: '梅县区填报员',
      role: 'county' as const,
      unit: '441403',
      description: '县区 梅县区 county reporter',
    },
    {
      username: 'guest',
      displayName: '只读用户',
      role: 'viewer' as const,
      unit: null,
      description: '只读 viewer',
    },
  ];
  return specs.filter((s) => s.role !== 'department' || s.unit);
}

async function createInitialAccounts(
  database: Database,
  plan: Plan,
  dataDir: string,
): Promise<Credential[]> {
  const credentials: Credential[] = [];
  for (const spec of initialAccountSpecs(plan)) {
    const password = generatePassword();
    await createUser(database.db, { ...spec, password, unitCode: spec.unit }, { label: SYSTEM });
    credentials.push({ ...spec, password });
  }
  writeCredentialsFile(dataDir, credentials);
  return credentials;
}

export function credentialsFile(dataDir: string): string {
  return path.join(dataDir, 'initial-credentials.txt');
}

function writeCredentialsFile(dataDir: string, credentials: Credential[]): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lines = [
    '# Minsheng initial accounts — created at first start. Change these passwords, then delete this file.',
    '# 首次启动生成的账户。请尽快修改密码并删除本文件。',
    ...credentials.map(
      (c) => `${c.username}\t${c.password}\t${c.role}\t${c.unit ?? '-'}\t${c.description}`,
    ),
  ];
  fs.writeFileSync(credentialsFile(dataDir), `${lines.join('\n')}\n`, { mode: 0o600 });
}
