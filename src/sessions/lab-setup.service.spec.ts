import path from 'node:path';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import { DriverError } from '../clusters/environment-driver.js';
import { AppConfigService } from '../config/app-config.js';
import { parseConfig } from '../config/config.schema.js';
import type { KubeObject, KubeReader, ListRef, ObjectRef } from '../kube/kube-reader.js';
import { loadLab } from '../labs/lab-loader.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { LabSetupService } from './lab-setup.service.js';
import type { KubeClients } from '../kube/kube-clients.js';

const lab = (() => {
  const loaded = loadLab(path.resolve('test/fixtures/labs-kind/01-erste-schritte-im-cluster'));
  if (!('lab' in loaded)) throw new Error('sample lab does not load');
  return loaded.lab;
})();

/** An API that accepts every object and reports the probe pod Ready after `readyAfter` reads. */
function fakeCluster(readyAfter: number) {
  const applied: string[] = [];
  let reads = 0;
  const reader: KubeReader = {
    get: (ref: ObjectRef) => {
      if (ref.kind !== 'Pod') return Promise.resolve({} as KubeObject);
      reads++;
      const ready = reads > readyAfter ? 'True' : 'False';
      return Promise.resolve({ status: { conditions: [{ type: 'Ready', status: ready }] } });
    },
    list: (_ref: ListRef) => Promise.resolve([]),
  };
  const clients = {
    applier: () => ({
      apply: (object: KubeObject) => {
        const meta = object.metadata as { name: string };
        applied.push(`${String(object.kind)}/${meta.name}`);
        return Promise.resolve();
      },
    }),
    reader: () => reader,
  } as unknown as KubeClients;
  const handle = {
    kubeConfig: () => Promise.resolve('apiVersion: v1'),
  } as unknown as EnvironmentHandle;
  return { applied, clients, handle, reads: () => reads };
}

const config = (timeoutSeconds: number) =>
  new AppConfigService(parseConfig({ KUBELAB_SETUP_TIMEOUT_SECONDS: String(timeoutSeconds) }));

describe(LabSetupService.name, () => {
  it('applies the setup objects in file order and waits until the pods are ready', async () => {
    const cluster = fakeCluster(1);
    await new LabSetupService(cluster.clients, config(30)).apply(lab, cluster.handle);
    expect(cluster.applied).toEqual(['Namespace/lab', 'Pod/probe']);
    expect(cluster.reads()).toBe(2);
  });

  it('replays each passed step’s solution, then makes what the step after it breaks', async () => {
    const manifest = (file: string, kind: string, name: string) => ({
      file,
      type: 'manifest' as const,
      text: `apiVersion: v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: lab}\n`,
    });
    const [first, second] = lab.steps;
    if (!first || !second) throw new Error('the sample lab has two steps');
    const withSetup = {
      ...lab,
      steps: [
        { ...first, solutions: [manifest('solutions/1.yaml', 'Pod', 'loesung-1')] },
        {
          ...second,
          solutions: [manifest('solutions/2.yaml', 'Pod', 'loesung-2')],
          setupFiles: [manifest('setup/2.yaml', 'ConfigMap', 'kaputt-2')],
        },
      ],
    };
    const replayed = async (passed: string[]) => {
      const cluster = fakeCluster(0);
      await new LabSetupService(cluster.clients, config(30)).replay(
        withSetup,
        cluster.handle,
        passed,
      );
      return cluster.applied;
    };
    expect(await replayed([first.id])).toEqual(['Pod/loesung-1', 'ConfigMap/kaputt-2']);
    expect(await replayed([first.id, second.id])).toEqual([
      'Pod/loesung-1',
      'ConfigMap/kaputt-2',
      'Pod/loesung-2',
    ]);
    // The second step begins only when the first is passed.
    expect(await replayed([])).toEqual([]);
  });

  it('names what did not become ready, in German, when the time is up', async () => {
    const cluster = fakeCluster(Infinity);
    const clock = new FakeClock();
    const reader = cluster.clients.reader('');
    const read = reader.get.bind(reader);
    // Each read of the probe pod takes a minute on the clock: the 30 s are up after the first.
    reader.get = (ref) => read(ref).finally(() => clock.advanceMinutes(1));
    const failure = new LabSetupService(cluster.clients, config(30), clock).apply(
      lab,
      cluster.handle,
    );
    await expect(failure).rejects.toBeInstanceOf(DriverError);
    await expect(failure).rejects.toMatchObject({
      learnerMessage: expect.stringContaining('Pod lab/probe'),
    });
    expect(cluster.reads()).toBe(1);
  });
});
