import { DriverError } from '../../clusters/environment-driver.js';
import type { EnvironmentHandle, ToolboxAccess } from '../../clusters/environment-handle.js';
import { Clock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import { parseConfig } from '../../config/config.schema.js';
import type { KubeClients } from '../../kube/kube-clients.js';
import type { KubeObject, ObjectRef } from '../../kube/kube-reader.js';
import type { Lab } from '../../labs/lab.types.js';
import { accessSchema } from '../../labs/schema/access.schema.js';
import { LearnerAccessService } from './learner-access.service.js';

/** Each reading of the time is a second later, so a deadline passes after a few polls. */
class SteppingClock extends Clock {
  private current = Date.parse('2026-11-30T20:00:00Z');
  now(): Date {
    this.current += 1000;
    return new Date(this.current);
  }
}

const ADMIN = 'clusters:\n- cluster: { certificate-authority-data: Q0E= }\n  name: kind\n';
const lab = {
  id: '02-nat',
  access: accessSchema.parse({ namespaces: ['lab', 'lab-zwei'] }),
} as Lab;

function fakes(token: string | undefined, apply = () => Promise.resolve()) {
  const applied: { object: string; manager: string | undefined }[] = [];
  const written = new Map<string, string>();
  const kube = {
    applier: () => ({
      apply: (object: KubeObject, manager?: string) => {
        applied.push({
          object: `${String(object.kind)}/${(object.metadata as { name: string }).name}`,
          manager,
        });
        return apply();
      },
    }),
    reader: () => ({
      get: (ref: ObjectRef) =>
        Promise.resolve(
          ref.kind === 'Secret' && token !== undefined
            ? { data: { token: Buffer.from(token).toString('base64') } }
            : { data: {} },
        ),
      list: () => Promise.resolve([]),
    }),
  } as unknown as KubeClients;
  const toolbox: ToolboxAccess = {
    container: 'kl-abc-toolbox',
    exec: () => Promise.reject(new Error('not used')),
    writeFile: (file, content) => {
      written.set(file, content);
      return Promise.resolve();
    },
    serverUrl: (port) => Promise.resolve(`http://172.18.0.1:${port}`),
  };
  const handle = {
    name: 'kl-abc',
    kubeConfig: () => Promise.resolve(ADMIN),
    toolbox,
  } as unknown as EnvironmentHandle;
  const config = new AppConfigService(
    parseConfig({ KUBELAB_SETUP_TIMEOUT_SECONDS: '3', PORT: '3000' }),
  );
  const service = new LearnerAccessService(kube, config, new SteppingClock());
  return { service, handle, applied, written };
}

describe(LearnerAccessService.name, () => {
  it('applies the objects under its own field manager, so the setup keeps its fields', async () => {
    const { service, handle, applied } = fakes('tok');
    await service.install(lab, handle, { token: 'knoten', port: 3000 });
    expect(applied.every((a) => a.manager === 'kubelab-access')).toBe(true);
    expect(applied.map((a) => a.object)).toContain('Namespace/lab-zwei');
  });

  it('writes the kubeconfig (context namespace: the first work namespace) and the knoten files', async () => {
    const { service, handle, written } = fakes('tok');
    await service.install(lab, handle, { token: 'knoten-geheim', port: 3000 });
    expect(written.get('/home/lernender/.kube/config')).toMatch(/namespace: lab\n/);
    expect(written.get('/home/lernender/.kube/config')).toContain('token: tok');
    expect(written.get('/run/kubelab/knoten-url')).toBe('http://172.18.0.1:3000');
    expect(written.get('/run/kubelab/knoten-token')).toBe('knoten-geheim');
  });

  it('writes no knoten files without a token', async () => {
    const { service, handle, written } = fakes('tok');
    await service.install(lab, handle);
    expect([...written.keys()]).toEqual(['/home/lernender/.kube/config']);
  });

  it('fails in German, with the detail for the log, when the token never comes', async () => {
    const { service, handle, written } = fakes(undefined);
    const failure = await service
      .install(lab, handle, { token: 'knoten', port: 3000 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DriverError);
    expect(failure).toMatchObject({
      message: expect.stringMatching(/02-nat on kl-abc failed waiting for the token/),
      learnerMessage:
        'Dein Zugang zum Cluster konnte nicht eingerichtet werden. Bitte versuche es noch einmal.',
    });
    expect(written.size).toBe(0);
  });

  it('fails in German when the API refuses an object', async () => {
    const { service, handle } = fakes('tok', () => Promise.reject(new Error('forbidden')));
    await expect(
      service.install(lab, handle, { token: 'knoten', port: 3000 }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/applying the RBAC objects: forbidden/),
      learnerMessage: expect.stringMatching(/^Dein Zugang zum Cluster/),
    });
  });

  it('gives a lab without access no kubeconfig and no rights, only the knoten files', async () => {
    const { service, handle, applied, written } = fakes('tok');
    await service.install({ ...lab, access: undefined }, handle, { token: 'k', port: 3000 });
    expect(applied).toEqual([]);
    expect([...written.keys()]).toEqual(['/run/kubelab/knoten-url', '/run/kubelab/knoten-token']);
  });

  it('refuses a handle without a toolbox and a lab without access', async () => {
    const { service, handle } = fakes('tok');
    await expect(service.install(lab, { ...handle, toolbox: undefined })).rejects.toThrow(
      /finding the toolbox/,
    );
    await expect(service.grant({ ...lab, access: undefined }, handle)).rejects.toThrow(
      /declares no access/,
    );
  });
});
