import {
  ApiException,
  KubernetesObjectApi,
  type KubernetesObject,
  type ResponseContext,
} from '@kubernetes/client-node';
import { kubeConfigFrom } from './kube-config.js';

/** An API object as `kubectl get -o json` prints it: plain JSON, timestamps as strings. */
export type KubeObject = Record<string, unknown>;

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  /** Left out for cluster-scoped kinds; `default` for namespaced kinds. */
  namespace?: string;
  name: string;
}

export interface ListRef {
  apiVersion: string;
  kind: string;
  /** Left out: every namespace (or a cluster-scoped kind). */
  namespace?: string;
  labelSelector?: string;
}

export type KubeApiFailure = 'unreachable' | 'unknown-kind' | 'rejected';

/** The API could not answer the question; never the learner's fault. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly reason: KubeApiFailure,
    readonly apiVersion?: string,
    readonly kind?: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }

  /** German, for a learner whose check could not look: the cluster's fault, not theirs. */
  get learnerMessage(): string {
    if (this.reason === 'unknown-kind') {
      return `Dein Cluster kennt die Objektart ${this.kind ?? '?'} (${this.apiVersion ?? '?'}) nicht. Bitte gib der Kursleitung Bescheid.`;
    }
    return this.reason === 'rejected'
      ? 'Der API-Server deines Clusters hat die Anfrage der Prüfung abgelehnt. Bitte gib der Kursleitung Bescheid.'
      : 'Der API-Server deines Clusters antwortet gerade nicht. Bitte prüfe gleich noch einmal.';
  }
}

/** Read-only access to a cluster's API, as graders need it. */
export interface KubeReader {
  /** The object, or undefined when it does not exist. */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** The matching objects, each with `apiVersion` and `kind` set, as kubectl prints list items. */
  list(ref: ListRef): Promise<KubeObject[]>;
}

/**
 * The client's default response handling turns timestamps into Date objects and drops fields its
 * models do not know; graders compare against the API's own JSON, so responses stay as sent.
 */
class PlainObjectApi extends KubernetesObjectApi {
  protected override async processResponse<T extends KubernetesObject>(
    response: ResponseContext,
    type?: string,
  ): Promise<T> {
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      return super.processResponse<T>(response, type);
    }
    return JSON.parse(await response.body.text()) as T;
  }

  async knows(apiVersion: string, kind: string): Promise<boolean> {
    try {
      return (await this.resource(apiVersion, kind)) !== undefined;
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return false;
      throw error;
    }
  }
}

export class ClientNodeKubeReader implements KubeReader {
  private constructor(private readonly api: PlainObjectApi) {}

  static fromKubeConfig(kubeConfig: string): ClientNodeKubeReader {
    return new ClientNodeKubeReader(kubeConfigFrom(kubeConfig).makeApiClient(PlainObjectApi));
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    await this.assertKnown(ref.apiVersion, ref.kind);
    try {
      const metadata = { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
      return await this.api.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw wrap(error, ref);
    }
  }

  async list(ref: ListRef): Promise<KubeObject[]> {
    await this.assertKnown(ref.apiVersion, ref.kind);
    try {
      const list = await this.api.list(
        ref.apiVersion,
        ref.kind,
        ref.namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        ref.labelSelector,
      );
      return (list.items as unknown as KubeObject[]).map((item) => ({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        ...item,
      }));
    } catch (error) {
      throw wrap(error, ref);
    }
  }

  private async assertKnown(apiVersion: string, kind: string): Promise<void> {
    let known: boolean;
    try {
      known = await this.api.knows(apiVersion, kind);
    } catch (error) {
      throw wrap(error, { apiVersion, kind });
    }
    if (!known) {
      throw new KubeApiError(
        `unknown kind ${apiVersion} ${kind}`,
        'unknown-kind',
        apiVersion,
        kind,
      );
    }
  }
}

function wrap(error: unknown, ref: { apiVersion: string; kind: string }): KubeApiError {
  if (error instanceof KubeApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiException) {
    return new KubeApiError(
      `API answered ${error.code}: ${message}`,
      error.code >= 500 ? 'unreachable' : 'rejected',
      ref.apiVersion,
      ref.kind,
    );
  }
  return new KubeApiError(message, 'unreachable', ref.apiVersion, ref.kind);
}

/** A reader for the cluster behind `handle`, opened on first use. */
export function kubeReaderOf(
  handle: () => Promise<{ kubeConfig(): Promise<string> }>,
): () => Promise<KubeReader> {
  return async () => ClientNodeKubeReader.fromKubeConfig(await (await handle()).kubeConfig());
}
