// The `minsheng` command for operators.
import { Command } from 'commander';
import { registerServe } from './serve.command';
import { registerPlan } from './plan.command';
import { registerUser } from './user.command';
import { registerMaintenance } from './maintenance.command';
import { registerHotline } from './hotline.command';
import { registerJobs } from './jobs.command';

const program = new Command()
  .name('minsheng')
  .description('Minsheng — 民生十大工程数字化支撑平台 (operator commands)')
  .showHelpAfterError();

registerServe(program);
registerPlan(program);
registerUser(program);
registerMaintenance(program);
registerHotline(program);
registerJobs(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const { printError } = await import('./output');
  printError(error);
  process.exitCode = 1;
}
