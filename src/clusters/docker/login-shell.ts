/**
 * How a terminal's shell starts in a node: `bash -l` where there is bash, else `sh`, with
 * only the environment given here (never the server's). Debian's /etc/bash.bashrc (read by
 * `bash -l` through /etc/profile) sets its own PS1, so bash gets the prompt through
 * PROMPT_COMMAND, which runs after the profile; `sh` reads PS1.
 */
export const LOGIN_SHELL_ARGV = [
  'sh',
  '-c',
  'if command -v bash >/dev/null 2>&1; then exec bash -l; fi; exec sh',
];

export function loginShellEnv(prompt: string, extra: string[]): string[] {
  return ['TERM=xterm-256color', ...extra, `PS1=${prompt}`, `PROMPT_COMMAND=PS1='${prompt}'`];
}
