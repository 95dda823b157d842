#!/usr/bin/env bash
# ClusterHandle -> EnvironmentHandle: a container environment has one too, and "environment" is
# clusters/' word for what a learner gets ("cluster" stays for kind's clusters and the Cluster
# table). Moves src/clusters/cluster-handle.ts and its test fake, renames the two types in every
# tracked file that names them, and formats what it touched. It runs after the branches that
# still say ClusterHandle are merged, so it catches their uses too; a second run changes nothing.
#
# Usage (from anywhere in the repository): scripts/rename-environment-handle.sh
# Then: npm run typecheck, review `git diff --stat`, commit.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

move() {
  if [[ -e $1 && ! -e $2 ]]; then git mv "$1" "$2"; fi
}
move src/clusters/cluster-handle.ts src/clusters/environment-handle.ts
move test/support/fake-cluster-handle.ts test/support/fake-environment-handle.ts

# KindClusterHandle (kind-cluster-handle.ts) is a kind cluster's handle and keeps its name:
# the patterns below need a word boundary before ClusterHandle and a slash before cluster-handle.
mapfile -t files < <(
  git grep -lE 'ClusterHandle|cluster-handle\.(js|ts)' -- . ':!scripts/rename-environment-*.sh'
)
if ((${#files[@]} == 0)); then
  echo 'nothing names ClusterHandle any more'
  exit 0
fi
sed -i -E \
  -e 's/\bClusterHandle\b/EnvironmentHandle/g' \
  -e 's/\bFakeClusterHandle\b/FakeEnvironmentHandle/g' \
  -e 's#/cluster-handle\.(js|ts)\b#/environment-handle.\1#g' \
  -e 's#/fake-cluster-handle\.(js|ts)\b#/fake-environment-handle.\1#g' \
  "${files[@]}"
npx prettier --write --ignore-unknown --log-level warn "${files[@]}"
echo "ClusterHandle is EnvironmentHandle now (${#files[@]} files looked at)"
