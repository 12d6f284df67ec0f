// `minsheng plan revisions` and `minsheng plan diff` as an operator runs them: a real process
// on a real database holding two revisions (the import, then a lowered and a raised target).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../config';
import { testDialects, type TestDatabase } from '../testing/databases';
import { loadPlanFile } from '../../../core/plan';
import { applyTargetChanges } from '../../../core/plan/revisions';
import { importPlan } from '../modules/plan/plan.service';

vi.setConfig({ testTimeout: 180_000 });

const BIN = path.join(REPO_ROOT, 'bin', 'minsheng.mjs');
const GUANGDONG = path.join(REPO_ROOT, 'plans', 'guangdong-2023-2027.yaml');
const REASON = '受经济形势影响，城镇新增就业目标下调';

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(testDialects())('minsheng plan revisions / diff on $name', (dialect) => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await dialect.create();
    env = {
      MINSHENG_DATA_DIR: database.dataDir,
      DATABASE_URL: dialect.name === 'postgres' ? database.location : '',
    };
    expect(cli(['plan', 'import', GUANGDONG, '--reason', '首次导入'], env).code).toBe(0);
    const changed = applyTargetChanges(loadPlanFile(GUANGDONG).plan!, [
      { op: 'modify', code: 'T01.1', set: { value: 500 } },
      { op: 'modify', code: 'T01.2', set: { value: 220, deadline: '2026-12-31' } },
    ]);
    await importPlan(database.db, changed.plan!, { label: 'test', reason: REASON });
  });
  afterAll(() => database.destroy());

  it('lists the revisions with their dates and reasons, the one in force starred', () => {
    const result = cli(['plan', 'revisions'], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^版本\s+生效日期\s+指标数\s+修订人\s+理由$/);
    expect(lines[1]).toMatch(/^ 1\s+2023-01-01\s+\d+\s+cli:\S+\s+首次导入$/);
    expect(lines[2]).toMatch(
      new RegExp(`^\\*2\\s+\\d{4}-\\d{2}-\\d{2}\\s+\\d+\\s+test\\s+${REASON}$`),
    );
  });

  it('prints the changed targets from → to with the reason, or JSON', () => {
    const result = cli(['plan', 'diff', '1', '2'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('第1版（2023-01-01起） → 第2版');
    expect(result.stdout).toContain(REASON);
    expect(result.stdout).toMatch(/T01\.1\s+城镇新增就业人数\s+修改\s+目标值\s+550\s+500/);
    expect(result.stdout).toMatch(/T01\.2\s+失业人员再就业人数\s+修改\s+目标值\s+200\s+220/);
    expect(result.stdout).toMatch(/\n\s+截止日期\s+2027-12-31\s+2026-12-31/);
    const json = JSON.parse(cli(['plan', 'diff', '1', '2', '--json'], env).stdout);
    expect(json.targets).toHaveLength(2);
    expect(json.targets[0]).toMatchObject({
      code: 'T01.1',
      fields: [{ field: 'value', from: 550, to: 500 }],
    });
    expect(json.steps[0].reason).toBe(REASON);
  });

  it('refuses unknown revisions with a Chinese message and exit code 1', () => {
    const missing = cli(['plan', 'diff', '1', '9'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('计划第9版不存在');
    const bad = cli(['plan', 'diff', 'one', '2'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('版本号“one”无效');
  });
});
