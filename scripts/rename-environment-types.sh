#!/usr/bin/env bash
# The rest of clusters/' types that say "cluster" for what a learner gets (a kind cluster or a
# container): ClusterDriver -> EnvironmentDriver (with CLUSTER_DRIVERS, ClusterDriversService,
# ClusterCreateSpec, ClusterInfo and the test fake FakeClusterDriver) and ClustersRepository ->
# EnvironmentsRepository (the table stays Cluster: no migration). Moves their files, renames the
# types in every tracked file that names them, and formats what it touched. Like
# rename-environment-handle.sh it runs after the branches are merged, in either order, and a
# second run changes nothing. "cluster" stays for kind's clusters, the Cluster table, the
# clusters/ folder (ClustersModule) and KUBELAB_MAX_CLUSTERS.
#
# Usage (from anywhere in the repository): scripts/rename-environment-types.sh
# Then: npm run typecheck, review `git diff --stat`, commit.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

move() {
  if [[ -e $1 && ! -e $2 ]]; then git mv "$1" "$2"; fi
}
move src/clusters/cluster-driver.ts src/clusters/environment-driver.ts
move src/clusters/cluster-drivers.service.ts src/clusters/environment-drivers.service.ts
move src/clusters/clusters.repository.ts src/clusters/environments.repository.ts
move test/support/fake-cluster-driver.ts test/support/fake-environment-driver.ts

# Whole words only: KindClusterHandle, SimClusterHandle and the like keep their names.
mapfile -t files < <(
  git grep -lE 'ClusterDriver|CLUSTER_DRIVERS|ClusterCreateSpec|ClusterInfo|ClustersRepository|cluster-drivers?\.|clusters\.repository\.' \
    -- . ':!scripts/rename-environment-*.sh'
)
if ((${#files[@]} == 0)); then
  echo 'nothing names the old types any more'
  exit 0
fi
sed -i -E \
  -e 's/\bClusterDriver\b/EnvironmentDriver/g' \
  -e 's/\bFakeClusterDriver\b/FakeEnvironmentDriver/g' \
  -e 's/\bClusterDriversService\b/EnvironmentDriversService/g' \
  -e 's/\bCLUSTER_DRIVERS\b/ENVIRONMENT_DRIVERS/g' \
  -e 's/\bClusterCreateSpec\b/EnvironmentCreateSpec/g' \
  -e 's/\bClusterInfo\b/EnvironmentInfo/g' \
  -e 's/\bClustersRepository\b/EnvironmentsRepository/g' \
  -e 's#/cluster-driver\.(js|ts)\b#/environment-driver.\1#g' \
  -e 's#/cluster-drivers\.service\.(js|ts)\b#/environment-drivers.service.\1#g' \
  -e 's#/clusters\.repository\.(js|ts)\b#/environments.repository.\1#g' \
  -e 's#/fake-cluster-driver\.(js|ts)\b#/fake-environment-driver.\1#g' \
  "${files[@]}"
npx prettier --write --ignore-unknown --log-level warn "${files[@]}"
echo "clusters/ says environment for what a learner gets (${#files[@]} files looked at)"
