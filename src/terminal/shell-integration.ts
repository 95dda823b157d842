import { randomBytes } from 'node:crypto';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';

/**
 * Where the prompt hook goes. `bash -l` reads /etc/profile, which sources /etc/profile.d/*.sh
 * (Debian, Ubuntu, kind's node image); a plain interactive `bash` reads only /etc/bash.bashrc,
 * so a line there sources the hook too. The handle decides the shell's argv and environment:
 * files are how kubelab reaches into the shell without changing either.
 */
export const SHELL_INTEGRATION_PATH = '/etc/profile.d/zz-kubelab-terminal.sh';

/**
 * Where the next shell on a node finds its terminal's nonce. The hook reads it once and deletes
 * it, so it is never in the environment of the learner's programs and not on disk once the
 * prompt appears; one file per node, so terminals on one node are opened one after the other.
 */
export const NONCE_PATH = '/run/kubelab/terminal-nonce';

/** A fresh random nonce for one terminal: hex, so it is safe anywhere in shell code. */
export function terminalNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Reads the nonce (first line of stdin) into "$2", readable by root only, writes the rest of
 * stdin to "$1" and makes /etc/bash.bashrc source it, once. A fixed script: paths come as
 * arguments, nonce and hook on stdin (never in argv, which `ps` shows), so nothing is spliced
 * into shell code.
 */
const INSTALL_SCRIPT = [
  'IFS= read -r nonce || exit 1',
  '(umask 077 && mkdir -p "${2%/*}" && printf \'%s\\n\' "$nonce" > "$2") || exit 1',
  'mkdir -p "${1%/*}" && cat > "$1" || exit 1',
  '[ -f /etc/bash.bashrc ] || exit 0',
  'grep -qF "$1" /etc/bash.bashrc && exit 0',
  'printf \'\\n[ -r %s ] && . %s\\n\' "$1" "$1" >> /etc/bash.bashrc',
].join('\n');

/** Only these characters reach the script, so the label can never be shell code. */
export function promptLabel(cluster: string, node: string): string {
  // A container environment's one node is the container itself, named like the environment.
  const short =
    node === cluster
      ? 'control-plane'
      : node.startsWith(`${cluster}-`)
        ? node.slice(cluster.length + 1)
        : node;
  return `${cluster}:${short}`.replace(/[^A-Za-z0-9._:-]/g, '');
}

/**
 * Waits until the shell just opened has taken the nonce (at most ~10 s), then removes the file
 * in any case: a shell without the hook (`sh`) must not leave it for the learner to read.
 */
const CONSUME_SCRIPT = [
  'i=0',
  'while [ -e "$1" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done',
  'rm -f "$1"',
].join('\n');

/**
 * The bash prompt hook. Markers follow VS Code's shell integration (OSC 633): the prompt
 * is wrapped in A and B, PS0 (after a line is read, before it runs) emits E with the command
 * line from history, then C; PROMPT_COMMAND emits D with `$?` before the next prompt. A block
 * of lines pasted at once (bracketed paste, then Enter) runs PS0 before each of its commands but
 * PROMPT_COMMAND only after the last, so PS0 also emits D with the `$?` of the command before
 * it; the recorder ignores a D when no command is running (the first of a line). Every
 * marker ends with `;<nonce>` (osc633-parser.ts): the hook reads the nonce from NONCE_PATH
 * once, deletes the file and keeps it in a variable that is not exported, so the learner's
 * programs never see it; a shell that finds no nonce (a nested `bash`) emits no markers. The
 * learner's own shell still shows it (`set`, `declare -p`, PS1), and root in the node can read
 * the shell's memory or the file in the moment before the hook takes it: the nonce keeps
 * program output from counting as commands, not a learner who goes looking for it. The
 * prompt is set again on every prompt, so a ~/.bashrc that sets PS1 does not remove it, and
 * history must keep lines with a leading space, or E would name the previous command.
 * The prompt ends in `#` for root (`\$` in PS1), as in any root shell: in a container environment the
 * shell is root of its user namespace. Other shells that read /etc/profile.d (`sh -l`) get the
 * label as prompt, without markers.
 */
export function shellIntegrationScript(label: string): string {
  return `# kubelab browser terminal: prompt and command markers (written by kubelab)
export TERM=xterm-256color
case "\${LANG-}" in *UTF-8*|*utf8*) ;; *) export LANG=C.UTF-8 ;; esac
if [ -z "\${KUBECONFIG-}" ] && [ -r /etc/kubernetes/admin.conf ]; then
  export KUBECONFIG=/etc/kubernetes/admin.conf
fi
if [ -z "\${BASH_VERSION-}" ]; then
  if [ "$(id -u 2>/dev/null)" = 0 ]; then PS1='${label} # '; else PS1='${label} $ '; fi
elif [ -z "\${__kl_loaded-}" ] && [ -f ${NONCE_PATH} ]; then
  __kl_loaded=1
  IFS= builtin read -r __kl_nonce < ${NONCE_PATH}
  rm -f ${NONCE_PATH}
  builtin export -n __kl_nonce
  __kl_escape() {
    local s=$1
    s=\${s//\\\\/\\\\\\\\}
    s=\${s//;/\\\\x3b}
    s=\${s//$'\\n'/\\\\x0a}
    s=\${s//$'\\r'/\\\\x0d}
    s=\${s//$'\\a'/\\\\x07}
    s=\${s//$'\\e'/\\\\x1b}
    builtin printf '%s' "$s"
  }
  __kl_preexec() {
    local line
    line=$(HISTTIMEFORMAT= builtin history 1)
    line=\${line#*[0-9]  }
    builtin printf '\\e]633;D;%s;%s\\a\\e]633;E;%s;%s\\a\\e]633;C;%s\\a' \\
      "$1" "$__kl_nonce" "$(__kl_escape "$line")" "$__kl_nonce" "$__kl_nonce"
  }
  __kl_prompt() {
    local status=$?
    builtin printf '\\e]633;D;%s;%s\\a' "$status" "$__kl_nonce"
    HISTCONTROL=\${HISTCONTROL//ignoreboth/ignoredups}
    HISTCONTROL=\${HISTCONTROL//ignorespace/}
    PS1="\\[\\e]633;A;$__kl_nonce\\a\\]${label} \\\\\\$ \\[\\e]633;B;$__kl_nonce\\a\\]"
    PS0='$(__kl_preexec "$?")'
    return $status
  }
  PROMPT_COMMAND=__kl_prompt
fi
`;
}

/**
 * Writes the hook and the next shell's nonce into the node. False when the node refuses
 * (read-only, not root): the shell then opens without transcript.
 */
export async function installShellIntegration(
  handle: EnvironmentHandle,
  node: string,
  label: string,
  nonce: string,
): Promise<boolean> {
  const result = await handle.execInNode(
    node,
    ['sh', '-c', INSTALL_SCRIPT, 'sh', SHELL_INTEGRATION_PATH, NONCE_PATH],
    { stdin: `${nonce}\n${shellIntegrationScript(label)}`, timeoutMs: 10_000 },
  );
  return result.exitCode === 0 && !result.timedOut;
}

/** After opening the shell: waits for its hook to take the nonce and removes what is left. */
export async function awaitNonceTaken(handle: EnvironmentHandle, node: string): Promise<void> {
  await handle.execInNode(node, ['sh', '-c', CONSUME_SCRIPT, 'sh', NONCE_PATH], {
    timeoutMs: 15_000,
  });
}
