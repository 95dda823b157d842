import path from 'node:path';
import { loadLabs } from '../../src/labs/lab-loader.js';
import type { Lab } from '../../src/labs/lab.types.js';
import { SimLabTarget } from '../support/cluster-sim/sim-lab-target.js';

/**
 * Issue #15, lab 01 on SimCluster: verdicts that came from the wrong evidence. Step
 * `vergaenglich` passed for unchanged pods after any `kubectl delete pod` that exited 0; it must
 * pass exactly when the web pods were replaced in the step, by whatever command. Answers must
 * come from the learner's cluster, not from the lab's text.
 */
const { labs, problems } = loadLabs(path.resolve('labs'));

function lab(): Lab {
  const found = labs.find((l) => l.id === '01-ip-adressierung');
  if (!found) throw new Error(`lab 01 did not load: ${JSON.stringify(problems)}`);
  return found;
}

/** A cluster where the learner has done every step before `stepId`, and the step's start. */
async function atStep(stepId: string) {
  const target = new SimLabTarget();
  await target.setup(lab());
  const steps = lab().steps;
  const index = steps.findIndex((s) => s.id === stepId);
  for (const step of steps.slice(0, index)) await target.applySolution(lab(), step);
  const step = steps[index];
  if (!step) throw new Error(`lab 01 has no step ${stepId}`);
  const startedAt = target.now();
  const webIps = () =>
    target.cluster
      .list('Pod', 'lab')
      .filter((p) => p.metadata.labels?.app === 'web')
      .map((p) => p.status.podIP as string);
  const grade = async (answers: Record<string, string>) => {
    const results = await target.grade(lab(), step, answers, [], startedAt);
    return Object.fromEntries(results.map((r) => [r.id, r.status]));
  };
  return { target, webIps, grade };
}

describe('lab 01, step vergaenglich', () => {
  it('fails while the web pods are the ones from before the step', async () => {
    const { webIps, grade } = await atStep('vergaenglich');

    expect(await grade({ 'neue-ip': webIps()[0] ?? '' })).toMatchObject({
      'neue-ip': 'pass',
      'pods-ersetzt': 'fail',
    });
  });

  it.each([
    ['deleting another pod', 'kubectl -n lab delete pod mein-pod'],
    ['replacing one of two web pods', 'kubectl -n lab delete pod WEB0'],
  ])('fails after %s', async (_what, command) => {
    const { target, webIps, grade } = await atStep('vergaenglich');
    const [first] = target.cluster
      .list('Pod', 'lab')
      .filter((p) => p.metadata.labels?.app === 'web');
    target.cluster.runScript(command.replace('WEB0', first?.metadata.name as string));

    expect(await grade({ 'neue-ip': webIps().at(-1) ?? '' })).toMatchObject({
      'pods-ersetzt': 'fail',
    });
  });

  it.each([
    ['deleting them by label', ['kubectl -n lab delete pod -l app=web']],
    [
      'scaling to 0 and back',
      [
        'kubectl -n lab scale deployment web --replicas=0',
        'kubectl -n lab scale deployment web --replicas=2',
      ],
    ],
  ])('passes after %s, with a new IP only', async (_what, commands) => {
    const { target, webIps, grade } = await atStep('vergaenglich');
    const before = webIps();
    for (const command of commands) target.cluster.runScript(command);
    const after = webIps();

    expect(after.some((ip) => before.includes(ip))).toBe(false);
    expect(await grade({ 'neue-ip': after[0] ?? '' })).toEqual({
      'neue-ip': 'pass',
      'pods-ersetzt': 'pass',
      'neue-pods-erreichbar': 'pass',
    });
    expect(await grade({ 'neue-ip': before[0] ?? '' })).toMatchObject({ 'neue-ip': 'fail' });
  });
});

describe('lab 01, answers from the cluster', () => {
  it('prints no fixed answer in any step text', () => {
    const fixed = lab()
      .steps.flatMap((s) => s.checks)
      .flatMap((c) =>
        c.kind === 'answer' && 'value' in c.expected ? [String(c.expected.value)] : [],
      );
    const texts = lab().steps.map((s) => s.markdown);

    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.filter((value) => texts.some((text) => text.includes(value)))).toEqual([]);
  });

  it('asks pod-netze for the node the cluster gave 10.244.2.0/24, whichever that is', async () => {
    const { target, grade } = await atStep('pod-netze');

    expect(await grade({ 'netz-zwei': 'kl-sim-worker2' })).toMatchObject({ 'netz-zwei': 'pass' });
    expect(await grade({ 'netz-zwei': '256' })).toMatchObject({ 'netz-zwei': 'fail' });
    // Workers that joined the other way round got each other's networks.
    target.cluster.patch('Node', undefined, 'kl-sim-worker', {
      spec: { podCIDR: '10.244.2.0/24' },
    });
    target.cluster.patch('Node', undefined, 'kl-sim-worker2', {
      spec: { podCIDR: '10.244.1.0/24' },
    });
    expect(await grade({ 'netz-zwei': 'kl-sim-worker2' })).toMatchObject({ 'netz-zwei': 'fail' });
    expect(await grade({ 'netz-zwei': 'kl-sim-worker' })).toMatchObject({ 'netz-zwei': 'pass' });
  });
});
