# Versions of everything scripts/kind-offline/build.sh produces. One place to bump.
# kind v0.33.0 defaults to kindest/node:v1.37.0; the Go module proxy serves k8s.io/kubernetes v1.37.2.
KIND_VERSION=v0.33.0
K8S_VERSION=v1.37.2
# Staging modules (k8s.io/api, …) are published as v0.<minor>.<patch> of the same release.
K8S_STAGING_VERSION=v0.37.2
# kubeadm v1.37 asks for etcd 3.7.0-0, CoreDNS v1.14.6 and pause 3.10.2 (cmd/kubeadm/app/constants).
ETCD_VERSION=v3.7.0
COREDNS_VERSION=v1.14.6
CONTAINERD_VERSION=v2.4.2
CNI_PLUGINS_VERSION=v1.10.0
CRI_TOOLS_VERSION=v1.37.0
KUBE_NETWORK_POLICIES_VERSION=v0.8.0
DEBIAN_SUITE=bookworm
# The tag kubelab uses through KUBELAB_KIND_NODE_IMAGE.
NODE_IMAGE="kubelab/kind-node:${K8S_VERSION}-offline"
PAUSE_VERSION=3.10.2
# sandbox_image in kind v0.33's images/base/files/etc/containerd/config.toml
KIND_SANDBOX_PAUSE=3.10
# kubelab's stand-in for kindnetd (scripts/kind-offline/kindnetd): kind's own kindnetd module is
# not served by the Go module proxy.
KINDNETD_IMAGE="localhost/kubelab/kindnetd:${KIND_VERSION}-offline"
# The labs' probe and server image. Built from k8s.io/kubernetes ${K8S_VERSION} (test/images/agnhost,
# VERSION 2.66.1 there) and tagged as the labs pin it; preloaded into the node image, since an
# offline cluster cannot pull it.
AGNHOST_IMAGE=registry.k8s.io/e2e-test-images/agnhost:2.53
RUNC_VERSION=v1.4.3
