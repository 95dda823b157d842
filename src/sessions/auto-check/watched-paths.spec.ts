import path from 'node:path';
import { loadLab } from '../../labs/lab-loader.js';
import type { LoadedStep } from '../../labs/lab.types.js';
import { autoCheckable, watchedPaths } from './watched-paths.js';

function stepsOf(dir: string): LoadedStep[] {
  const loaded = loadLab(path.resolve(dir));
  if (!('lab' in loaded)) throw new Error(JSON.stringify(loaded.problems));
  return loaded.lab.steps;
}

describe(watchedPaths.name, () => {
  it('watches what policy checks read: pods, namespaces, policies', () => {
    const steps = stepsOf('labs/04-networkpolicy');
    const policies = steps.map((s) => ({
      ...s,
      checks: s.checks.filter((c) => c.kind === 'policy'),
    }));
    expect(policies.some((s) => s.checks.length > 0)).toBe(true);
    expect(watchedPaths(policies)).toEqual([
      '/api/v1/namespaces',
      '/api/v1/pods',
      '/apis/networking.k8s.io/v1/networkpolicies',
    ]);
  });

  it('maps a resource check to its kind in its API group, with the right plural', () => {
    const [step] = stepsOf('test/fixtures/auto-check-labs/02-auto-kind');
    const resourceOnly = { ...step, checks: step.checks.filter((c) => c.kind === 'resource') };
    expect(watchedPaths([resourceOnly])).toEqual(['/apis/networking.k8s.io/v1/networkpolicies']);
  });

  it('watches nothing for checks that read no API objects (commands and node state)', () => {
    const steps = stepsOf('labs/00-linux-netzwerk');
    expect(watchedPaths(steps)).toEqual([]);
  });
});

describe(autoCheckable.name, () => {
  it('leaves steps with a question to the learner', () => {
    const [policy, frage] = stepsOf('test/fixtures/auto-check-labs/02-auto-kind');
    expect(autoCheckable(policy)).toBe(true);
    expect(autoCheckable(frage)).toBe(false);
  });
});
