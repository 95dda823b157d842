import { clusterSchema } from '../../labs/schema/lab.schema.js';
import { nodeImageItem } from '../preflight/node-image.probe.js';
import { nftQueueItem } from '../preflight/nft-queue.probe.js';
import { toolboxImageItem } from '../preflight/toolbox-image.probe.js';
import { reportOf, type PreflightItem } from '../preflight/preflight.types.js';
import { labAvailability } from './lab-availability.js';

const NOW = new Date('2026-11-30T10:00:00Z');
const kindLab = {
  environment: 'kind' as const,
  cluster: clusterSchema.parse({}),
  modes: ['local' as const],
};
const sharedKindLab = { ...kindLab, modes: ['local' as const, 'shared' as const] };
const policyLab = {
  environment: 'kind' as const,
  cluster: clusterSchema.parse({ networkPolicy: true }),
  modes: ['local' as const],
};
const containerLab = {
  environment: 'container' as const,
  cluster: clusterSchema.parse({}),
  modes: ['local' as const],
};

const ok = (id: string): PreflightItem => ({ id, label: id, required: true, ok: true });
const kindMissing: PreflightItem = {
  id: 'kind',
  label: 'kind CLI',
  required: true,
  ok: false,
  problemDe: 'Das Programm kind ist nicht vorhanden oder nicht ausführbar.',
  fixDe: 'kind ab Version 0.24 installieren und in den PATH legen (https://kind.sigs.k8s.io/…).',
};
const dockerMissing: PreflightItem = {
  id: 'docker',
  label: 'Docker engine',
  required: true,
  ok: false,
  problemDe: 'Die Docker-Engine ist nicht erreichbar.',
  fixDe: 'Docker installieren und starten (Debian: apt-get install -y docker.io …).',
};
const noQueue = nftQueueItem({
  exitCode: 1,
  output: 'Error: Could not process rule: No such file or directory',
});
const report = (...items: PreflightItem[]) => reportOf(items, NOW);

describe(labAvailability.name, () => {
  it('offers a lab whose driver has everything it requires', () => {
    expect(labAvailability(kindLab, report(ok('docker'), ok('kind')), 'local')).toEqual({
      available: true,
      learnerReason: null,
      blockers: [],
    });
  });

  it('ignores warnings that do not keep a lab from running', () => {
    const warning = { ...ok('cgroup-version'), required: false, ok: false };
    expect(labAvailability(kindLab, report(ok('docker'), warning), 'local').available).toBe(true);
  });

  it('refuses a kind lab without kind, in a learner sentence without the install instructions', () => {
    const answer = labAvailability(kindLab, report(ok('docker'), kindMissing), 'local');
    expect(answer.available).toBe(false);
    expect(answer.learnerReason).toBe(
      'Auf diesem Server fehlt kind, das Programm, das die Kubernetes-Cluster der Übungen erstellt. Bitte sag deiner Kursleitung Bescheid.',
    );
    expect(answer.learnerReason).not.toMatch(/install|PATH|https?:|KUBELAB_/);
    expect(answer.blockers).toEqual([kindMissing]);
  });

  it('names Docker first when neither Docker nor kind is there: nothing else could be checked', () => {
    const answer = labAvailability(kindLab, report(kindMissing, dockerMissing), 'local');
    expect(answer.blockers.map((b) => b.id)).toEqual(['docker', 'kind']);
    expect(answer.learnerReason).toMatch(/^Auf diesem Server läuft Docker gerade nicht/);
  });

  it('refuses a kind lab whose node image is not on the engine', () => {
    const answer = labAvailability(
      kindLab,
      report(ok('docker'), ok('kind'), nodeImageItem('kindest/node:v1.37.0', false)),
      'local',
    );
    expect(answer.learnerReason).toMatch(/fehlt das Image für die Knoten/);
    expect(answer.blockers[0].fixDe).toContain('docker pull kindest/node:v1.37.0');
  });

  it.each(['missing', 'without-kubectl'] as const)(
    'refuses a kind lab in shared mode whose toolbox image is %s, after a missing node image',
    (state) => {
      const toolbox = toolboxImageItem('kubelab/toolbox:1', state);
      const answer = labAvailability(
        sharedKindLab,
        report(ok('docker'), ok('kind'), toolbox),
        'shared',
      );
      expect(answer.learnerReason).toBe(
        'Auf diesem Server fehlt das Image für dein Terminal in den Kubernetes-Übungen (mit kubectl). Bitte sag deiner Kursleitung Bescheid.',
      );
      expect(answer.blockers[0].fixDe).toContain('scripts/images/build-toolbox-image.sh');
      const nodeImage = nodeImageItem('kindest/node:v1.37.0', false);
      expect(
        labAvailability(
          sharedKindLab,
          report(ok('docker'), toolbox, nodeImage),
          'shared',
        ).blockers.map((b) => b.id),
      ).toEqual(['kind-node-image', 'toolbox-image']);
    },
  );

  it('refuses a container lab whose image is missing', () => {
    const image = { ...ok('container-image'), ok: false, fixDe: 'Bauen mit …' };
    const answer = labAvailability(containerLab, report(ok('docker'), image), 'local');
    expect(answer.learnerReason).toMatch(/fehlt das Image für die Linux-Umgebung/);
    expect(answer.blockers).toEqual([image]);
  });

  it('refuses a NetworkPolicy lab where policies are not enforced, and only that lab', () => {
    const host = report(ok('docker'), ok('kind'), noQueue);
    const refused = labAvailability(policyLab, host, 'local');
    expect(refused.learnerReason).toMatch(/^Diese Übung braucht NetworkPolicies, die wirklich/);
    expect(refused.learnerReason).not.toMatch(/CONFIG_NFT_QUEUE|nftables|Kernel/);
    expect(refused.blockers).toEqual([noQueue]);
    expect(labAvailability(kindLab, host, 'local').available).toBe(true);
  });

  it('offers a NetworkPolicy lab with its own CNI whatever kindnet can do', () => {
    const ownCni = {
      environment: 'kind' as const,
      cluster: clusterSchema.parse({ networkPolicy: true, disableDefaultCNI: true }),
      modes: ['local' as const],
    };
    expect(
      labAvailability(ownCni, report(ok('docker'), ok('kind'), noQueue), 'local').available,
    ).toBe(true);
  });

  it('refuses every lab of a disabled environment type without asking its driver', () => {
    const answer = labAvailability(containerLab, undefined, 'local');
    expect(answer.learnerReason).toBe('Diese Übung wird auf diesem Server nicht angeboten.');
    expect(answer.blockers).toEqual([
      expect.objectContaining({
        id: 'environment-disabled',
        fixDe: 'container in KUBELAB_ENVIRONMENTS aufnehmen und den Server neu starten.',
      }),
    ]);
  });

  it('falls back to a plain sentence for a required item it has no words for', () => {
    const odd = { ...ok('something-new'), ok: false, problemDe: 'Etwas Internes fehlt.' };
    const answer = labAvailability(kindLab, report(ok('docker'), odd), 'local');
    expect(answer.learnerReason).toBe(
      'Für diese Übung kann auf diesem Server gerade keine Umgebung entstehen. Bitte sag deiner Kursleitung Bescheid.',
    );
  });

  describe('by the server mode', () => {
    const host = report(ok('docker'), ok('kind'));
    const bothModes = { ...kindLab, modes: ['local' as const, 'shared' as const] };

    it('refuses a lab written for local mode only on a shared server, in a learner sentence', () => {
      const answer = labAvailability(kindLab, host, 'shared');
      expect(answer.available).toBe(false);
      expect(answer.learnerReason).toBe(
        'Diese Übung braucht direkten Zugriff auf die Knoten des Clusters. Auf diesem Server, den sich ein Kurs teilt, ist sie deshalb nicht freigegeben.',
      );
      expect(answer.blockers).toEqual([
        expect.objectContaining({
          id: 'lab-mode',
          problemDe:
            'Die Übung ist für den Modus local geschrieben; dieser Server läuft mit KUBELAB_MODE=shared.',
          fixDe: expect.stringContaining('KUBELAB_MODE=local') as string,
        }),
      ]);
    });

    it('names the mode first, before what the host lacks', () => {
      const answer = labAvailability(kindLab, report(ok('docker'), kindMissing), 'shared');
      expect(answer.blockers.map((b) => b.id)).toEqual(['lab-mode', 'kind']);
    });

    it('offers a lab that claims the server mode', () => {
      expect(labAvailability(bothModes, host, 'shared').available).toBe(true);
      expect(labAvailability(bothModes, host, 'local').available).toBe(true);
      expect(labAvailability(kindLab, host, 'local').available).toBe(true);
    });

    it('refuses a lab written for shared mode only on a local server', () => {
      const sharedOnly = { ...kindLab, modes: ['shared' as const] };
      expect(labAvailability(sharedOnly, host, 'local')).toMatchObject({
        available: false,
        blockers: [expect.objectContaining({ id: 'lab-mode', found: 'KUBELAB_MODE=local' })],
      });
    });
  });
});
