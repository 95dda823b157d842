import type { ProvisionProgress } from '../environment-driver.js';
import { clusterSchema } from '../../labs/schema/lab.schema.js';
import { KIND_OUTPUT, SUCCESS_PROGRESS } from '../../../test/support/fake-kind/kind-output.js';
import { expectedStages, KindProgress } from './kind-progress.js';

/** What real kind v0.33.0 wrote to stderr (not a terminal), as the stand-in kind replays it. */
const KIND_STDERR = KIND_OUTPUT.success
  .replaceAll('{name}', 'kl-3f9a0c1d')
  .replaceAll('{image}', 'kubelab/kind-node:v1.37.2-offline')
  .replaceAll('{kubeconfig}', '/data/clusters/kl-3f9a0c1d.kubeconfig');

const spec = (block: object = {}) => clusterSchema.parse(block);

function follow(stderr: string, block: object = {}, wait = 180, chunk = 7) {
  const seen: ProvisionProgress[] = [];
  const progress = new KindProgress(spec(block), wait, (p) => seen.push(p));
  for (let i = 0; i < stderr.length; i += chunk) progress.write(stderr.slice(i, i + chunk));
  progress.end();
  return { seen, progress };
}

describe(KindProgress.name, () => {
  it('reports each stage once, in German, with its step number, across split chunks', () => {
    const { seen, progress } = follow(KIND_STDERR);
    expect(seen).toEqual(SUCCESS_PROGRESS);
    expect(progress.failedStage).toBeUndefined();
    expect(progress.readinessTimedOut).toBe(false);
  });

  it('counts only the stages this cluster goes through', () => {
    const stderr = KIND_STDERR.split('\n')
      .filter((l) => !/CNI|worker|Waiting|Ready after/.test(l))
      .join('\n');
    const { seen } = follow(stderr, { workers: 0, disableDefaultCNI: true }, 0);
    expect(seen.map((p) => [p.step, p.of, p.stage])).toEqual([
      [1, 5, 'Knoten-Image wird geprüft'],
      [2, 5, 'Knoten werden vorbereitet'],
      [3, 5, 'Konfiguration wird geschrieben'],
      [4, 5, 'Control-Plane startet'],
      [5, 5, 'StorageClass wird installiert'],
    ]);
  });

  it('remembers the stage kind marked as failed', () => {
    // kind's output on a failed pull (format of pkg/cmd/kind/app/main.go logError).
    const { seen, progress } = follow(
      'Creating cluster "kl-1" ...\n • Ensuring node image (kindest/node:v9.9.9) 🖼  ...\n ✗ Ensuring node image (kindest/node:v9.9.9) 🖼\nERROR: failed to create cluster: failed to pull image "kindest/node:v9.9.9"\n',
    );
    expect(seen).toEqual([{ stage: 'Knoten-Image wird geprüft', step: 1, of: 8 }]);
    expect(progress.failedStage?.id).toBe('image');
  });

  it('understands the coloured marks kind prints on a terminal', () => {
    const { seen } = follow(' \x1b[32m✓\x1b[0m Ensuring node image (kindest/node:v1.33.1) 🖼\r\n');
    expect(seen).toEqual([{ stage: 'Knoten-Image wird geprüft', step: 1, of: 8 }]);
  });

  it('notices when kind gave up waiting for Ready (it still exits 0)', () => {
    const { progress } = follow(
      ' • Waiting ≤ 3m0s for control-plane = Ready ⏳  ...\n ✗ Waiting ≤ 3m0s for control-plane = Ready ⏳\n • WARNING: Timed out waiting for Ready ⚠️\n',
    );
    expect(progress.readinessTimedOut).toBe(true);
    expect(progress.failedStage?.id).toBe('wait');
  });

  it('ignores other lines and never goes back to an earlier stage', () => {
    const { seen } = follow(
      ' • Writing configuration 📜  ...\nsome debug output\n • Preparing nodes 📦  ...\n',
    );
    expect(seen).toEqual([{ stage: 'Konfiguration wird geschrieben', step: 3, of: 8 }]);
  });
});

describe(expectedStages.name, () => {
  it('has all eight stages for the default lab cluster with --wait', () => {
    expect(expectedStages(spec(), 180).map((s) => s.id)).toEqual([
      'image',
      'nodes',
      'config',
      'control-plane',
      'cni',
      'storage',
      'workers',
      'wait',
    ]);
  });
});
