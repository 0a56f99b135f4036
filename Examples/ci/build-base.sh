#!/usr/bin/env bash
# Builds the dependency base image only when its dependencies changed in meaning, incrementally
# on top of the previous base when nothing leaves the installed set.
#
#   build-base.sh IMAGE [CONTEXT [DEPTAG-OPTION...]]
#
# CONTEXT holds the manifests and base.Dockerfile (default .). DEPTAG-OPTIONs (--with FILE,
# --salt TEXT) go to every deptag call, so that the tag, the decision and the snapshot account for
# settings outside the manifests (README, "Settings outside the manifests").
#
# 1. tag = deptag digest CONTEXT; if IMAGE:tag is in the registry, nothing to do.
# 2. Otherwise pull IMAGE:latest (the previous base), copy its /deptag/snapshot.json out and ask
#    `deptag decide` whether to build incrementally FROM it or fresh.
# 3. Write the new snapshot into CONTEXT/.deptag/, build, push IMAGE:tag, move IMAGE:latest.
# Environment: DEPTAG (default deptag), MAX_CHAIN (default 5).
set -euo pipefail
image=${1:?usage: build-base.sh IMAGE [CONTEXT [DEPTAG-OPTION...]]}
context=${2:-.}
shift $(($# < 2 ? $# : 2))
options=("$@")
deptag=${DEPTAG:-deptag}
max_chain=${MAX_CHAIN:-5}
latest="$image:latest"

tag=$("$deptag" digest ${options[@]+"${options[@]}"} "$context")
if docker manifest inspect "$image:$tag" >/dev/null 2>&1; then
  echo "build-base: $image:$tag is already in the registry: nothing to build"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
action=base
previous_snapshot=""
if docker pull "$latest" >/dev/null 2>&1; then
  container=$(docker create "$latest")
  if docker cp "$container:/deptag/snapshot.json" "$work/previous.json" >/dev/null 2>&1; then
    previous_snapshot="$work/previous.json"
    action=$("$deptag" decide --max-chain "$max_chain" ${options[@]+"${options[@]}"} "$previous_snapshot" "$context" 2>"$work/reasons" | head -n 1)
  else
    echo "$latest has no /deptag/snapshot.json: building a fresh base" >"$work/reasons"
  fi
  docker rm "$container" >/dev/null
else
  echo "no previous base $latest: building a fresh base" >"$work/reasons"
fi
sed 's/^/build-base:   /' "$work/reasons"

mkdir -p "$context/.deptag"
snapshot_args=(snapshot "$context" --max-chain "$max_chain" --output "$context/.deptag/snapshot.json" ${options[@]+"${options[@]}"})
build_args=(build -f "$context/base.Dockerfile" -t "$image:$tag")
case $action in
  none)
    # Same meaning, tag missing (e.g. deleted from the registry): the previous base is it.
    echo "build-base: $latest already installs these dependencies: tagging it $image:$tag"
    docker tag "$latest" "$image:$tag"
    docker push "$image:$tag"
    exit 0
    ;;
  incremental)
    echo "build-base: incremental build of $image:$tag FROM $latest"
    "$deptag" "${snapshot_args[@]}" --previous "$previous_snapshot"
    build_args+=(--build-arg "BASE_FROM=$latest")
    ;;
  *)
    echo "build-base: fresh build of $image:$tag"
    "$deptag" "${snapshot_args[@]}"
    ;;
esac
docker "${build_args[@]}" "$context"
docker push "$image:$tag"
docker tag "$image:$tag" "$latest"
docker push "$latest"
echo "build-base: pushed $image:$tag and moved $latest"
