import fs from 'node:fs';
import path from 'node:path';

/**
 * What `kind create cluster` writes to stderr, for the stand-in kind to replay. `{name}`,
 * `{image}` and `{kubeconfig}` are filled in per run. Where each text comes from:
 * - status lines " • %s  ..." / " ✓ %s" / " ✗ %s": kind pkg/internal/cli/status.go (non-terminal);
 *   stage texts from pkg/cluster/internal/... (see src/clusters/kind/kind-progress.ts);
 * - "Creating cluster %q ...", "Deleted nodes: %q": pkg/cluster/internal/create/create.go,
 *   pkg/cluster/internal/delete/delete.go;
 * - the two WARNING lines: pkg/cluster/internal/providers/docker/provider.go Provision, printed
 *   when KIND_EXPERIMENTAL_DOCKER_NETWORK is set;
 * - "ERROR: %v" + "\nCommand Output: %s": pkg/cmd/kind/app/main.go logError; "failed to create
 *   cluster" from pkg/cmd/kind/create/cluster/createcluster.go.
 * The failure texts are kind's own messages as users posted them (cited per fixture).
 */
export const KIND_OUTPUT = {
  /** Recorded from real kind v0.33.0 on a cgroup v1 host (test/fixtures/real-kind/README.md). */
  success: fs.readFileSync(path.resolve('test/fixtures/real-kind/kind-create.stderr.txt'), 'utf8'),

  /**
   * pkg/cluster/internal/providers/docker/images.go pull: `failed to pull image %q`; the daemon's
   * answer for a tag that does not exist, as posted for `kind create cluster --image
   * kindest/node:latest`.
   */
  imagePull: `Creating cluster "{name}" ...
 • Ensuring node image ({image}) 🖼  ...
 ✗ Ensuring node image ({image}) 🖼
ERROR: failed to create cluster: failed to pull image "{image}": command "docker pull {image}" failed with error: exit status 1
Command Output: Error response from daemon: manifest for {image} not found: manifest unknown: manifest unknown
`,

  /** pkg/cluster/internal/create/create.go alreadyExists, checked before "Creating cluster". */
  nameTaken: `ERROR: failed to create cluster: node(s) already exist for a cluster with the name "{name}"
`,

  /**
   * The node's `docker run` fails (command line as kind v0.2x builds it, shape from
   * educates/educates-training-platform#694); Docker's answer for a published port that another
   * container holds ("driver failed programming external connectivity … port is already
   * allocated", docker/for-mac#1114). kind has made the network by then, and deletes its nodes.
   */
  portInUse: `Creating cluster "{name}" ...
WARNING: Overriding docker network due to KIND_EXPERIMENTAL_DOCKER_NETWORK
WARNING: Here be dragons! This is not supported currently.
 • Ensuring node image ({image}) 🖼  ...
 ✓ Ensuring node image ({image}) 🖼
 • Preparing nodes 📦 📦 📦   ...
 ✗ Preparing nodes 📦 📦 📦 
Deleted nodes: ["{name}-worker" "{name}-worker2" "{name}-control-plane"]
ERROR: failed to create cluster: command "docker run --name {name}-control-plane --hostname {name}-control-plane --label io.x-k8s.kind.role=control-plane --privileged --security-opt seccomp=unconfined --security-opt apparmor=unconfined --tmpfs /tmp --tmpfs /run --volume /var --volume /lib/modules:/lib/modules:ro -e KIND_EXPERIMENTAL_CONTAINERD_SNAPSHOTTER --detach --tty --label io.x-k8s.kind.cluster={name} --net {name} --restart=on-failure:1 --init=false --cgroupns=private --publish=127.0.0.1:6443:6443/TCP -e KUBECONFIG=/etc/kubernetes/admin.conf {image}" failed with error: exit status 125
Command Output: docker: Error response from daemon: driver failed programming external connectivity on endpoint {name}-control-plane (0e099fa78bdf95bc974b4cbc53a16b8005a494ac6df0bbe1839b09efbd531f63): Bind for 127.0.0.1:6443 failed: port is already allocated.
`,

  /**
   * kubeadm init fails because the kubelet does not come up: the typical failure on a host with
   * too many clusters (kind issue #2702); text as posted by a kind user.
   */
  kubeadmInit: `Creating cluster "{name}" ...
 ✓ Ensuring node image ({image}) 🖼
 ✓ Preparing nodes 📦 📦 📦  
 ✓ Writing configuration 📜 
 ✗ Starting control-plane 🕹️ 
Deleted nodes: ["{name}-worker" "{name}-worker2" "{name}-control-plane"]
ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged {name}-control-plane kubeadm init --skip-phases=preflight --config=/kind/kubeadm.conf --skip-token-print --v=6" failed with error: exit status 1
Command Output: [kubelet-check] It seems like the kubelet isn't running or healthy.
[kubelet-check] The HTTP call equal to 'curl -sSL http://localhost:10248/healthz' failed with error: Get "http://localhost:10248/healthz": dial tcp [::1]:10248: connect: connection refused.

Unfortunately, an error has occurred:
	timed out waiting for the condition
`,
};

export type KindOutputName = keyof typeof KIND_OUTPUT;

export function fillKindOutput(
  name: KindOutputName,
  values: { name: string; image: string; kubeconfig?: string },
): string {
  return KIND_OUTPUT[name]
    .replaceAll('{name}', values.name)
    .replaceAll('{image}', values.image)
    .replaceAll('{kubeconfig}', values.kubeconfig ?? '');
}

/**
 * What the learner sees while kind replays `KIND_OUTPUT.success` for a lab's default cluster
 * (control plane, two workers, kindnet, `--wait`): each stage once, in kind's order, in German.
 */
export const SUCCESS_PROGRESS = [
  { stage: 'Knoten-Image wird geprüft', step: 1, of: 8 },
  { stage: 'Knoten werden vorbereitet', step: 2, of: 8 },
  { stage: 'Konfiguration wird geschrieben', step: 3, of: 8 },
  { stage: 'Control-Plane startet', step: 4, of: 8 },
  { stage: 'CNI wird installiert', step: 5, of: 8 },
  { stage: 'StorageClass wird installiert', step: 6, of: 8 },
  { stage: 'Worker treten bei', step: 7, of: 8 },
  { stage: 'Warten auf Control-Plane', step: 8, of: 8 },
];
