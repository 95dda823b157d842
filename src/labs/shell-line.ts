/** Words the shell reads as they are; anything else goes in single quotes. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** argv as one line a learner can paste into bash and run exactly as shown. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellWord).join(' ');
}

function shellWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `sh -c …` / `bash -c …`: a script the lab runs, not a command to show a learner. */
export function isShellScript(argv: readonly string[]): boolean {
  return /^(\/bin\/)?(ba)?sh$/.test(argv[0] ?? '') && argv.includes('-c');
}
