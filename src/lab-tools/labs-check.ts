import path from 'node:path';
import { configureGermanMessages } from '../common/zod-locale.js';
import { AppConfigService } from '../config/app-config.js';
import { runLabsCheck } from './labs-check.command.js';

/** The labs directory the server would load (KUBELAB_LABS_DIR), read through the config. */
function configuredLabsDir(): string | undefined {
  try {
    return AppConfigService.fromEnv(process.env).get('KUBELAB_LABS_DIR');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return undefined;
  }
}

/** `npm run labs:check [labs-dir]`: static validation of all labs; exit code 1 on any problem. */
configureGermanMessages();
const labsDir = process.argv[2] ?? configuredLabsDir();
process.exitCode = labsDir === undefined ? 1 : runLabsCheck(path.resolve(labsDir));
