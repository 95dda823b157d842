import { runKubelabCli } from './kubelab-cli.js';

/** `npm run kubelab -- <command> …`; see kubelab-cli.ts for the commands. */
process.exitCode = runKubelabCli(process.argv.slice(2));
