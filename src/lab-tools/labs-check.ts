import path from 'node:path';
import { configureGermanMessages } from '../common/zod-locale.js';
import { runLabsCheck } from './labs-check.command.js';

/** `npm run labs:check [labs-dir]`: static validation of all labs; exit code 1 on any problem. */
configureGermanMessages();
process.exitCode = runLabsCheck(
  path.resolve(process.argv[2] ?? process.env.KUBELAB_LABS_DIR ?? 'labs'),
);
