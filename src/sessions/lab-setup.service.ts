import { Injectable } from '@nestjs/common';
import { DriverError } from '../clusters/environment-driver.js';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import { Clock, SystemClock } from '../common/adapters/clock.js';
import { DiskLabFiles, LabFiles } from '../common/adapters/lab-files.js';
import { poll } from '../common/poll.js';
import { AppConfigService } from '../config/app-config.js';
import type { KubeObject } from '../kube/kube-reader.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import { KubeClients } from '../kube/kube-clients.js';
import { manifestObjects } from './setup/manifests.js';
import { nodesWithoutPodNetwork, notReady } from '../kube/object-readiness.js';

export const SCRIPT_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 1000;

/**
 * kubectl in a kind node needs the admin kubeconfig; container labs run scripts as they are.
 * Solutions write node commands as shared mode's `knoten <node> <cmd…>`: in a node that is the
 * command itself.
 */
export const KIND_PREAMBLE =
  'export KUBECONFIG=/etc/kubernetes/admin.conf\nknoten() { shift; "$@"; }\n';

/** Brings a fresh environment into the state the lab starts from, and replays passed steps. */
@Injectable()
export class LabSetupService {
  constructor(
    private readonly kube: KubeClients,
    private readonly config: AppConfigService,
    // Defaults for the labs:test CLI, which builds this service by hand.
    private readonly clock: Clock = new SystemClock(),
    private readonly files: LabFiles = new DiskLabFiles(),
  ) {}

  async apply(lab: Lab, handle: EnvironmentHandle): Promise<void> {
    if (lab.setup.length === 0) return;
    if (lab.environment === 'kind') return this.applyManifests(lab, handle);
    for (const file of lab.setup) {
      await this.runScript(
        lab,
        handle,
        file,
        'Die Ausgangslage der Übung konnte nicht hergestellt werden. Bitte versuche es noch einmal.',
      );
    }
  }

  private async applyManifests(lab: Lab, handle: EnvironmentHandle): Promise<void> {
    const texts = await Promise.all(lab.setup.map((file) => this.files.read(lab, file)));
    return this.applyObjects(lab, handle, texts.flatMap(manifestObjects));
  }

  /**
   * Server-side apply of every object in order, then wait until pods and services are ready and
   * every node has its pod network.
   */
  private async applyObjects(
    lab: Lab,
    handle: EnvironmentHandle,
    objects: KubeObject[],
  ): Promise<void> {
    const kubeConfig = await handle.kubeConfig();
    const applier = this.kube.applier(kubeConfig);
    for (const object of objects) await applier.apply(object);
    const reader = this.kube.reader(kubeConfig);
    const now = () => this.clock.now();
    const deadline = new Date(
      now().getTime() + this.config.get('KUBELAB_SETUP_TIMEOUT_SECONDS') * 1000,
    );
    const waiting = await poll(
      async () => [...(await nodesWithoutPodNetwork(reader)), ...(await notReady(objects, reader))],
      (left) => left.length === 0,
      { intervalMs: READY_POLL_MS, deadline, now },
    );
    if (waiting.length > 0) {
      throw new DriverError(
        `setup of ${lab.id} not ready: ${waiting.join(', ')}`,
        `Die Ausgangslage der Übung wurde nicht rechtzeitig bereit: ${waiting.join(', ')}. Bitte versuche es noch einmal.`,
      );
    }
  }

  /**
   * Runs the reference solutions of `stepIds` in lab order, so a resumed session continues where
   * it stopped; after each, the setup of the step that began with its pass (as `beginNext` does).
   */
  async replay(lab: Lab, handle: EnvironmentHandle, stepIds: string[]): Promise<void> {
    for (const [index, step] of lab.steps.entries()) {
      if (!stepIds.includes(step.id)) continue;
      await this.applySolution(lab, handle, step);
      const next = lab.steps[index + 1];
      if (next) await this.applyStepSetup(lab, handle, next);
    }
  }

  /** The step's reference solution: manifests through the API, scripts in the control-plane node. */
  async applySolution(lab: Lab, handle: EnvironmentHandle, step: LoadedStep): Promise<void> {
    const learnerMessage = `Dein Schritt „${step.title}“ konnte nicht wiederhergestellt werden.`;
    await this.applyFiles(lab, handle, step.solutions, learnerMessage);
  }

  /** What `step` breaks when it begins (its `setup`); nothing for most steps. */
  async applyStepSetup(lab: Lab, handle: EnvironmentHandle, step: LoadedStep): Promise<void> {
    const learnerMessage = `Der Schritt „${step.title}“ konnte nicht vorbereitet werden. Bitte versuche es noch einmal.`;
    await this.applyFiles(lab, handle, step.setupFiles, learnerMessage);
  }

  private async applyFiles(
    lab: Lab,
    handle: EnvironmentHandle,
    files: LoadedStep['solutions'],
    learnerMessage: string,
  ): Promise<void> {
    for (const file of files) {
      if (file.type === 'script') {
        await this.runScript(lab, handle, file.file, learnerMessage);
      } else {
        await this.applyObjects(lab, handle, manifestObjects(file.text));
      }
    }
  }

  /** bash in the control-plane node (the container itself for container labs); the first failure stops. */
  private async runScript(
    lab: Lab,
    handle: EnvironmentHandle,
    file: string,
    learnerMessage: string,
  ): Promise<void> {
    const script = await this.files.read(lab, file);
    const stdin = lab.environment === 'kind' ? KIND_PREAMBLE + script : script;
    const result = await handle.execInNode('control-plane', ['bash', '-s'], {
      stdin,
      timeoutMs: SCRIPT_TIMEOUT_MS,
    });
    if (result.exitCode !== 0 || result.timedOut) {
      throw new DriverError(
        `${file} of ${lab.id} failed with exit code ${result.exitCode}${result.timedOut ? ' (timeout)' : ''}`,
        learnerMessage,
        `${file}: ${result.stderr.slice(-2000)}`,
      );
    }
  }
}
