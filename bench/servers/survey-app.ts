// The measured stack for bench/survey-ingest: the real app on a fresh database (SQLite, or a
// new PostgreSQL database beside BENCH_DATABASE_URL) with one survey and an open wave. Prints
// {url, surveyId, waveId, p, k} for the load generator, which shares SURVEY_SECRET.
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createContext } from '../../server/src/context';
import { bootstrap } from '../../server/src/modules/setup/bootstrap';
import { benchDatabase, profileWhileServing, serverEngine } from '../lib';
import { createSurvey, createWave } from '../../server/src/modules/surveys/surveys.service';
import { SurveySigner } from '../../server/src/modules/surveys/respondent';
import { sampleQuestions } from '../../server/src/modules/surveys/surveys.fixtures';
import type { Question } from '../../core/satisfaction/survey';

const database = await benchDatabase(serverEngine());
const config = { ...loadConfig(), dataDir: database.dataDir, webDistDir: null };
await bootstrap(database, { dataDir: database.dataDir, demo: false });
const ctx = await createContext(config, database);
const app = await buildApp(ctx);
const by = {
  actor: {
    userId: 1,
    username: 'bench',
    role: 'supervisor' as const,
    unitCode: null,
    unitScope: 'all' as const,
    domainScope: 'all' as const,
  },
  ip: '127.0.0.1',
};
const surveyId = await createSurvey(
  ctx.db,
  { title: 'bench', questions: sampleQuestions as unknown as Question[] },
  by,
);
const waveId = await createWave(
  ctx.db,
  surveyId,
  {
    code: '2025Q3',
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 86400_000).toISOString(),
  },
  by,
);
const signer = SurveySigner.load(config.dataDir);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(
  `${JSON.stringify({ url, surveyId, waveId, p: '441400', k: signer.linkKey(surveyId, '441400') })}\n`,
);
const stopProfile = await profileWhileServing('survey-app');
process.on('SIGTERM', () => {
  void stopProfile()
    .then(() => app.close())
    .then(() => database.destroy())
    .then(() => process.exit(0));
});
