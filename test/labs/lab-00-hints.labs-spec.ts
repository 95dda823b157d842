import path from 'node:path';
import type { CheckResult } from '../../src/grading/check-result.js';
import { matchingHints } from '../../src/grading/hint-matcher.js';
import { loadLabs } from '../../src/labs/lab-loader.js';

/**
 * Issue #15: lab 00's `masquerade` judges the effect; the POSTROUTING rules it prints only pick
 * the hint — none that rewrites the source, or one that does not match the packets to the server.
 */
const { labs, problems } = loadLabs(path.resolve('labs'));

function hintsFor(observedStdout: string): string[] {
  const step = labs.find((l) => l.id === '00-linux-netzwerk')?.steps.find((s) => s.id === 'nat');
  if (!step) throw new Error(`lab 00 did not load: ${JSON.stringify(problems)}`);
  const result: CheckResult = {
    id: 'masquerade',
    kind: 'nodeExec',
    status: 'fail',
    message: '',
    durationMs: 0,
    observed: { node: 'kl-x-control-plane', exitCode: 0, stdout: observedStdout },
  };
  return matchingHints(step.hints, [result]).map((h) => h.slice(0, 30));
}

describe('lab 00, hints on masquerade', () => {
  it('names the missing rule when POSTROUTING rewrites nothing', () => {
    expect(hintsFor('')).toEqual(['Im NAT-Table steht noch keine ']);
  });

  it('asks about -s and -o when a rule exists but the server still sees the pod', () => {
    const conntrack =
      'icmp 1 29 src=10.244.1.2 dst=192.168.100.2 type=8 code=0 id=7 src=192.168.100.2 dst=10.244.1.2 type=0 code=0 id=7\n';

    expect(hintsFor(`${conntrack}-A POSTROUTING -o ext1 -j MASQUERADE\n`)).toEqual([
      'Eine NAT-Regel gibt es, aber s',
    ]);
    expect(hintsFor('-A POSTROUTING -s 10.244.2.0/24 -j SNAT --to-source 192.168.100.1\n')).toEqual(
      ['Eine NAT-Regel gibt es, aber s'],
    );
  });
});
