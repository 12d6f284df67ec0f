// The measured stack: the real app on a fresh database (SQLite, or a new PostgreSQL database
// beside BENCH_DATABASE_URL), signed in as a city user. Prints {url, cookie} for the load
// generator.
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createContext } from '../../server/src/context';
import { bootstrap } from '../../server/src/modules/setup/bootstrap';
import { benchDatabase, profileWhileServing, serverEngine } from '../lib';

const database = await benchDatabase(serverEngine());
const config = { ...loadConfig(), dataDir: database.dataDir, webDistDir: null };
const { credentials } = await bootstrap(database, { dataDir: database.dataDir, demo: false });
const ctx = await createContext(config, database);
const app = await buildApp(ctx);
const city = credentials.find((c) => c.role === 'city')!;
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: city.username, password: city.password },
});
const cookie = String(login.headers['set-cookie']).split(';')[0];
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url, cookie })}\n`);
const stopProfile = await profileWhileServing('app');
process.on('SIGTERM', () => {
  void stopProfile()
    .then(() => app.close())
    .then(() => database.destroy())
    .then(() => process.exit(0));
});
