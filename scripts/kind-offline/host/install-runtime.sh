#!/usr/bin/env bash
# For hosts whose own capability bounding set is reduced (sandboxed machines; seen: no
# CAP_SYS_RESOURCE), where `docker run --privileged` — and so every kind node — fails with
# "unable to apply caps: operation not permitted". Installs runc-bounded as Docker's default
# runtime (see its header) and restarts the Docker engine. Not needed on ordinary hosts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
install -m 0755 "$here/runc-bounded" /usr/local/sbin/runc-bounded
mkdir -p /etc/docker
config=/etc/docker/daemon.json
[ -s "$config" ] || echo '{}' >"$config"
jq '.runtimes["runc-bounded"] = {"path": "/usr/local/sbin/runc-bounded"} | ."default-runtime" = "runc-bounded"' \
  "$config" >"$config.new" && mv "$config.new" "$config"
if command -v systemctl >/dev/null && systemctl is-active --quiet docker 2>/dev/null; then
  systemctl restart docker
else
  pkill -x dockerd || true
  for _ in $(seq 1 20); do pgrep -x dockerd >/dev/null || break; sleep 0.5; done
  (dockerd >/var/log/kubelab-dockerd.log 2>&1 &)
fi
for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
echo "Docker default runtime: $(docker info --format '{{.DefaultRuntime}}')"
