import type { ClusterSpec } from '../../labs/schema/lab.schema.js';
import type { ProvisionProgress } from '../environment-driver.js';

/**
 * The stages `kind create cluster` reports, in kind's order, with the German text the learner
 * sees. Each `kind` prefix is the start of kind's own status text (upstream kubernetes-sigs/kind):
 * - "Ensuring node image (%s) 🖼"  pkg/cluster/internal/providers/docker/images.go ensureNodeImages
 * - "Preparing nodes 📦 …"         pkg/cluster/internal/providers/docker/provider.go Provision
 * - "Writing configuration 📜"     pkg/cluster/internal/create/actions/config/config.go
 * - "Starting control-plane 🕹️"    pkg/cluster/internal/create/actions/kubeadminit/init.go
 * - "Installing CNI 🔌"            pkg/cluster/internal/create/actions/installcni/cni.go (skipped with disableDefaultCNI)
 * - "Installing StorageClass 💾"   pkg/cluster/internal/create/actions/installstorage/storage.go
 * - "Joining worker nodes 🚜"      pkg/cluster/internal/create/actions/kubeadmjoin/join.go (only with workers)
 * - "Waiting ≤ %s for control-plane = Ready ⏳"  pkg/cluster/internal/create/actions/waitforready/waitforready.go (only with --wait > 0)
 * HA-only stages (external load balancer, more control planes) never occur in kubelab's configs.
 */
export const KIND_STAGES = [
  { id: 'image', kind: 'Ensuring node image', stage: 'Knoten-Image wird geprüft' },
  { id: 'nodes', kind: 'Preparing nodes', stage: 'Knoten werden vorbereitet' },
  { id: 'config', kind: 'Writing configuration', stage: 'Konfiguration wird geschrieben' },
  { id: 'control-plane', kind: 'Starting control-plane', stage: 'Control-Plane startet' },
  { id: 'cni', kind: 'Installing CNI', stage: 'CNI wird installiert' },
  { id: 'storage', kind: 'Installing StorageClass', stage: 'StorageClass wird installiert' },
  { id: 'workers', kind: 'Joining worker nodes', stage: 'Worker treten bei' },
  { id: 'wait', kind: 'Waiting ≤', stage: 'Warten auf Control-Plane' },
] as const;

export type KindStage = (typeof KIND_STAGES)[number];

/** The stages kind will go through for this cluster block and `--wait`. */
export function expectedStages(cluster: ClusterSpec, waitSeconds: number): KindStage[] {
  return KIND_STAGES.filter(
    (s) =>
      (s.id !== 'cni' || !cluster.disableDefaultCNI) &&
      (s.id !== 'workers' || cluster.workers > 0) &&
      (s.id !== 'wait' || waitSeconds > 0),
  );
}

/**
 * kind's status lines when stderr is not a terminal (pkg/internal/cli/status.go): " • %s  ..." when
 * a stage starts, " ✓ %s" when it succeeds, " ✗ %s" when it fails; on a terminal the marks are
 * coloured, so escape sequences are removed first.
 */
const STATUS_LINE = /^\s*([•✓✗])\s+(.*?)\s*$/u;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
/** pkg/cluster/internal/create/actions/waitforready/waitforready.go: kind still exits 0. */
const READY_TIMEOUT = 'WARNING: Timed out waiting for Ready';

/** Follows kind's stderr line by line and reports each stage once, as it starts. */
export class KindProgress {
  private readonly stages: KindStage[];
  private reported = -1;
  private partial = '';
  /** The stage kind marked with ✗, if any. */
  failedStage?: KindStage;
  readinessTimedOut = false;

  constructor(
    cluster: ClusterSpec,
    waitSeconds: number,
    private readonly onProgress: (p: ProvisionProgress) => void = () => undefined,
  ) {
    this.stages = expectedStages(cluster, waitSeconds);
  }

  /** Feeds a chunk of kind's stderr; lines may be split across chunks. */
  write(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? '';
    lines.forEach((line) => this.line(line));
  }

  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  private line(raw: string): void {
    const match = STATUS_LINE.exec(raw.replace(ANSI, ''));
    if (!match) return;
    const [, mark, text] = match as unknown as [string, string, string];
    if (text.startsWith(READY_TIMEOUT)) this.readinessTimedOut = true;
    const index = this.stages.findIndex((s) => text.startsWith(s.kind));
    if (index < 0) return;
    if (mark === '✗') this.failedStage = this.stages[index];
    // A ✓ without its • (a terminal's spinner) still moves the learner on.
    if (index > this.reported) {
      this.reported = index;
      this.onProgress({
        stage: this.stages[index].stage,
        step: index + 1,
        of: this.stages.length,
      });
    }
  }
}
