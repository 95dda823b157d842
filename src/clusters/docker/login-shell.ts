/**
 * How a terminal's shell starts in a node: `bash -l` where there is bash, else `sh`, with
 * only the environment given here (never the server's). Debian's /etc/bash.bashrc (read by
 * `bash -l` through /etc/profile) sets its own PS1, so bash gets the prompt through
 * PROMPT_COMMAND, which runs after the profile; `sh` reads PS1. Both end it in `#` for root,
 * as root shells do (bash with `\$`, sh by asking `id -u`).
 */
export const LOGIN_SHELL_ARGV = [
  'sh',
  '-c',
  'if command -v bash >/dev/null 2>&1; then exec bash -l; fi\n' +
    '[ "$(id -u 2>/dev/null)" != 0 ] || PS1="${PS1%"$ "}# "\n' +
    'exec sh',
];

/** `label`: what the prompt shows before `$ ` or `# `, e.g. `kl-3f9a0c12:control-plane`. */
export function loginShellEnv(label: string, extra: string[]): string[] {
  return ['TERM=xterm-256color', ...extra, `PS1=${label} $ `, `PROMPT_COMMAND=PS1='${label} \\$ '`];
}
