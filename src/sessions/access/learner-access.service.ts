import { Injectable } from '@nestjs/common';
import { DriverError } from '../../clusters/environment-driver.js';
import type { EnvironmentHandle } from '../../clusters/environment-handle.js';
import { Clock, SystemClock } from '../../common/adapters/clock.js';
import { poll } from '../../common/poll.js';
import { AppConfigService } from '../../config/app-config.js';
import { KubeClients } from '../../kube/kube-clients.js';
import type { Lab } from '../../labs/lab.types.js';
import { learnerKubeconfig } from './learner-kubeconfig.js';
import { LEARNER_NAMESPACE, LEARNER_TOKEN_SECRET, learnerAccessObjects } from './learner-rbac.js';

/** Its own field manager: the lab's setup (manager `kubelab`) keeps the fields it applied. */
const FIELD_MANAGER = 'kubelab-access';
const TOKEN_POLL_MS = 500;

export const LEARNER_KUBECONFIG = '/home/lernender/.kube/config';
export const KNOTEN_URL_FILE = '/run/kubelab/knoten-url';
export const KNOTEN_TOKEN_FILE = '/run/kubelab/knoten-token';

/** What `knoten` in the toolbox authenticates with, and the port of the server answering it. */
export interface KnotenCredentials {
  token: string;
  port: number;
}

const LEARNER_MESSAGE =
  'Dein Zugang zum Cluster konnte nicht eingerichtet werden. Bitte versuche es noch einmal.';

/**
 * Shared mode: gives the learner exactly the rights of the lab's `access` (RBAC, Pod Security on
 * the work namespaces) and puts their kubeconfig and the `knoten` credentials into the toolbox.
 * Runs after the lab's setup, with kubelab's admin credentials.
 */
@Injectable()
export class LearnerAccessService {
  constructor(
    private readonly kube: KubeClients,
    private readonly config: AppConfigService,
    // Default for the labs:test CLI, which builds this service by hand.
    private readonly clock: Clock = new SystemClock(),
  ) {}

  /**
   * Grants the lab's access and writes the learner's kubeconfig (a lab without `access` gives the
   * learner no kubectl), and with `knoten` its token (NodeViewTokensService) and the URL of the
   * server answering it on `port`, as the toolbox reaches that server.
   */
  async install(lab: Lab, handle: EnvironmentHandle, knoten?: KnotenCredentials): Promise<void> {
    const toolbox = handle.toolbox;
    if (!toolbox) throw failure(lab, handle, 'finding the toolbox', new Error('none'));
    const kubeconfig = lab.access ? await this.grant(lab, handle) : undefined;
    try {
      if (kubeconfig) await toolbox.writeFile(LEARNER_KUBECONFIG, kubeconfig);
      if (!knoten) return;
      await toolbox.writeFile(KNOTEN_URL_FILE, await toolbox.serverUrl(knoten.port));
      await toolbox.writeFile(KNOTEN_TOKEN_FILE, knoten.token);
    } catch (error) {
      throw failure(lab, handle, 'writing the toolbox files', error);
    }
  }

  /**
   * Applies the learner's ServiceAccount, roles and Pod Security labels and returns their
   * kubeconfig, once the ServiceAccount's token exists.
   */
  async grant(lab: Lab, handle: EnvironmentHandle): Promise<string> {
    const access = lab.access;
    if (!access) throw failure(lab, handle, 'granting', new Error('the lab declares no access'));
    const adminKubeconfig = await handle.kubeConfig();
    try {
      const applier = this.kube.applier(adminKubeconfig);
      for (const object of learnerAccessObjects(access)) await applier.apply(object, FIELD_MANAGER);
    } catch (error) {
      throw failure(lab, handle, 'applying the RBAC objects', error);
    }
    const token = await this.token(lab, handle, adminKubeconfig);
    return learnerKubeconfig({
      adminKubeconfig,
      cluster: handle.name,
      token,
      namespace: access.namespaces[0] ?? 'default',
    });
  }

  /** The token controller fills the Secret's `data.token` shortly after it is made. */
  private async token(
    lab: Lab,
    handle: EnvironmentHandle,
    adminKubeconfig: string,
  ): Promise<string> {
    const reader = this.kube.reader(adminKubeconfig);
    const now = () => this.clock.now();
    const deadline = new Date(
      now().getTime() + this.config.get('KUBELAB_SETUP_TIMEOUT_SECONDS') * 1000,
    );
    const read = async () => {
      const secret = await reader.get({
        apiVersion: 'v1',
        kind: 'Secret',
        namespace: LEARNER_NAMESPACE,
        name: LEARNER_TOKEN_SECRET,
      });
      const data = secret?.data as { token?: string } | undefined;
      return data?.token ? Buffer.from(data.token, 'base64').toString('utf8') : '';
    };
    const token = await poll(read, (value) => value !== '', {
      intervalMs: TOKEN_POLL_MS,
      deadline,
      now,
    }).catch((error: unknown) => {
      throw failure(lab, handle, 'reading the token', error);
    });
    if (!token) {
      throw failure(lab, handle, 'waiting for the token', new Error('data.token stayed empty'));
    }
    return token;
  }
}

function failure(lab: Lab, handle: EnvironmentHandle, stage: string, error: unknown): DriverError {
  const detail = error instanceof Error ? error.message : String(error);
  return new DriverError(
    `learner access of ${lab.id} on ${handle.name} failed ${stage}: ${detail}`,
    LEARNER_MESSAGE,
    detail,
  );
}
