// The measured stack for bench/entry-rush: the real app on a fresh database with N county
// reporters signed in (one account per county). Entry for the employment form is kept open
// for past months so the rush can move on to a new month after each submission. Prints
// {url, reporters: [{unit, cookie, csrf}], elements} for the load generator.
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createContext } from '../../server/src/context';
import { bootstrap } from '../../server/src/modules/setup/bootstrap';
import { createUser } from '../../server/src/modules/users/users.service';
import { loadCatalog, reporterUnits } from '../../server/src/modules/reporting/catalog';
import { benchDatabase, profileWhileServing, serverEngine } from '../lib';

const FORM = 'D01-county-month';
const REPORTERS = Number(process.env.RUSH_REPORTERS ?? 100);
const database = await benchDatabase(serverEngine());
await bootstrap(database, { dataDir: database.dataDir, demo: false });
const ctx = await createContext(
  { ...loadConfig(), dataDir: database.dataDir, webDistDir: null },
  database,
);
await ctx.db
  .updateTable('report_forms')
  .set({ expiry_days: 100_000 })
  .where('code', '=', FORM)
  .execute();
const form = (await loadCatalog(ctx.db)).forms.get(FORM)!;
const units = reporterUnits(ctx.orgs, form)
  .filter((code) => ctx.orgs.get(code)?.level === 'county')
  .slice(0, REPORTERS);
const app = await buildApp(ctx);
const password = 'Rush-bench-2026!';
const reporters = [];
for (const [i, unit] of units.entries()) {
  const username = `rush${String(i).padStart(3, '0')}`;
  await createUser(
    ctx.db,
    { username, displayName: username, password, role: 'county', unitCode: unit },
    { label: 'bench' },
  );
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  reporters.push({ unit, cookie, csrf: login.json<{ csrfToken: string }>().csrfToken });
}
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(
  `${JSON.stringify({ url, reporters, elements: form.elements.map((e) => e.code) })}\n`,
);
const stopProfile = await profileWhileServing('rush-app');
process.on('SIGTERM', () => {
  void stopProfile()
    .then(() => app.close())
    .then(() => database.destroy())
    .then(() => process.exit(0));
});
