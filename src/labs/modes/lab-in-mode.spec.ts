import { fileURLToPath } from 'node:url';
import { plainHints } from '../plain-hints.js';
import { loadLab } from '../lab-loader.js';
import type { Lab } from '../lab.types.js';
import { labInMode } from './lab-in-mode.js';

const MODES_LAB = fileURLToPath(
  new URL('../../../test/fixtures/labs-modes/01-knoten-ansehen', import.meta.url),
);

function load(): Lab {
  const loaded = loadLab(MODES_LAB);
  if (!('lab' in loaded)) throw new Error(JSON.stringify(loaded.problems));
  return loaded.lab;
}

describe(labInMode.name, () => {
  const lab = load();

  it('loads the modes a lab claims, and the whole lab with every mode in it', () => {
    expect(lab.modes).toEqual(['local', 'shared']);
    expect(lab.steps[0].checks.map((c) => c.id)).toContain('nur-lokal');
    expect(lab.steps[0].markdown).toContain('::: shared');
  });

  it('shows a step in shared mode with the shared text, checks, hints and setup only', () => {
    const [routen, hostPod] = labInMode(lab, 'shared').steps;
    expect(routen.html).toContain('knoten control-plane ip route');
    expect(routen.html).not.toContain('Reiter');
    expect(routen.html).not.toContain(':::');
    expect(routen.checks.map((c) => c.id)).toEqual(['netz-worker', 'routen-gelesen', 'route-da']);
    expect(plainHints(routen.hints)).toEqual([
      'Jeder Knoten hat ein eigenes Pod-Netz; die Routen zu den anderen Netzen zeigen auf deren Knoten.',
      'Tippe `knoten control-plane ip route` in deinem Terminal.',
    ]);
    expect(hostPod.setupFiles.map((f) => f.file)).toEqual(['setup/02-host-pod.yaml']);
    expect(hostPod.solutions.map((f) => f.file)).toEqual(['solutions/02-host-pod.sh']);
  });

  it('shows the same lab in local mode with the local text, checks, hints and setup only', () => {
    const [routen, hostPod] = labInMode(lab, 'local').steps;
    expect(routen.html).toContain('Reiter');
    expect(routen.html).not.toContain('knoten control-plane');
    expect(routen.checks.map((c) => c.id)).toEqual([
      'netz-worker',
      'routen-gelesen',
      'route-da',
      'nur-lokal',
    ]);
    expect(plainHints(routen.hints)).toContain(
      'Öffne den Reiter control-plane und tippe dort `ip route`.',
    );
    expect(hostPod.setupFiles).toEqual([]);
    expect(hostPod.solutions.map((f) => f.file)).toEqual([
      'solutions/02-host-pod.yaml',
      'solutions/02-host-pod.sh',
    ]);
  });

  it('keeps the conditional hints of both modes', () => {
    for (const mode of ['local', 'shared'] as const) {
      const hints = labInMode(lab, mode).steps[0].hints;
      expect(hints.filter((h) => typeof h !== 'string' && h.when)).toHaveLength(1);
    }
  });

  it('tells a shared-mode learner to see a node check through knoten on its node', () => {
    const see = (mode: 'local' | 'shared') =>
      labInMode(lab, mode).steps[0].checks.find((c) => c.id === 'route-da')?.see;
    expect(see('shared')).toBe('knoten control-plane ip route');
    expect(see('local')).toBe('ip route');
  });
});
