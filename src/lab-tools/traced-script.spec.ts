import { spawnSync } from 'node:child_process';
import { traceScript } from './traced-script.js';

/** Runs the traced script in a real bash, as the control-plane node would. */
function run(script: string) {
  const traced = traceScript(script, 'export GREETING=hallo\n');
  const result = spawnSync('bash', ['-s'], { input: traced.script, encoding: 'utf8' });
  return { status: result.status, commands: traced.read(result.stdout, new Date(0)) };
}

describe(traceScript.name, () => {
  it('records each command with its own output and exit code, variables carried over', () => {
    const { status, commands } = run(
      [
        '#!/usr/bin/env bash',
        'set -uo pipefail',
        'IP=$(echo 10.244.1.5)',
        'echo "ziel $IP $GREETING"',
        "cat <<'EOF'",
        'apiVersion: v1',
        'EOF',
        'ls /does-not-exist',
        'echo weiter >&2',
      ].join('\n'),
    );
    expect(status).toBe(0);
    expect(commands.map(({ command, exitCode, output }) => [command, exitCode, output])).toEqual([
      ['set -uo pipefail', 0, ''],
      ['IP=$(echo 10.244.1.5)', 0, ''],
      ['echo "ziel $IP $GREETING"', 0, 'ziel 10.244.1.5 hallo\n'],
      ['cat', 0, 'apiVersion: v1\n'],
      ['ls /does-not-exist', 2, expect.stringContaining('No such file or directory')],
      ['echo weiter >&2', 0, 'weiter\n'],
    ]);
  });

  it('stops at the first failure under set -e, like the script itself would', () => {
    const { status, commands } = run('set -e\nfalse\necho nie');
    expect(status).toBe(1);
    expect(commands.map((c) => c.exitCode)).toEqual([0, null, null]);
  });

  it('runs a script with a loop as written and gives every command the whole output', () => {
    const { status, commands } = run('for i in 1 2; do\n  echo "runde $i"\ndone');
    expect(status).toBe(0);
    expect(commands[0]?.output).toBe('runde 1\nrunde 2\n');
  });
});
