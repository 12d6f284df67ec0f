import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { startServer } from '../server';
import { bootstrap, credentialsFile } from '../modules/setup/bootstrap';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the web server (API and web app)')
    .option(
      '--init',
      'on first start: migrate, import the Guangdong plan, create accounts, load demo data',
    )
    .option('--no-demo', 'with --init: do not load demo data')
    .option('--port <port>', 'port to listen on (default 8080 or $PORT)')
    .option('--host <host>', 'address to bind (default 127.0.0.1 or $HOST)')
    .action(async (opts: { init?: boolean; demo: boolean; port?: string; host?: string }) => {
      const config = loadConfig();
      if (opts.port) config.port = Number(opts.port);
      if (opts.host) config.host = opts.host;
      if (opts.init) await initialize(config.dataDir, opts.demo);
      await startServer(config, (url) => {
        console.log(
          `\n民生十大工程数字化支撑平台 Minsheng is running at ${url.replace('127.0.0.1', 'localhost')}`,
        );
        console.log(
          `Sign in with the accounts in ${credentialsFile(config.dataDir)} (created at first start).`,
        );
        console.log(`API docs: ${url}/api/docs\n`);
      });
    });
}

async function initialize(dataDir: string, demo: boolean): Promise<void> {
  const database = openDatabase(loadConfig());
  try {
    const result = await bootstrap(database, { dataDir, demo });
    if (result.planImported)
      console.log('Imported the Guangdong plan (plans/guangdong-2023-2027.yaml).');
    if (result.demoValues !== null) console.log(`Loaded ${result.demoValues} demo values.`);
    if (result.credentials.length > 0) {
      console.log(
        '\nAccounts created (passwords are shown once; also saved to the data directory):',
      );
      console.log('首次启动已创建以下账户（密码仅显示一次，同时保存在数据目录中）：');
      for (const c of result.credentials)
        console.log(`  ${c.username.padEnd(10)} ${c.password}  ${c.description}`);
    }
  } finally {
    await database.destroy();
  }
}
