#!/usr/bin/env bash
# Exercises build-base.sh against fake-docker: asserts on the recorded builds, pushes and
# snapshot reads, not on printed text. Usage: test-build-base.sh PATH/TO/deptag
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deptag=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/project"
ln -s "$here/fake-docker" "$work/bin/docker"
cp "$here/../python/requirements.txt" "$here/../python/requirements-common.txt" \
  "$here/../python/constraints.txt" "$here/../python/base.Dockerfile" "$work/project/"
export PATH="$work/bin:$PATH" DEPTAG="$deptag" FAKE_DOCKER_HOME="$work/docker"
image=registry.example/app-base
passed=0
failed=0

build() {  # build [DEPTAG-OPTION...]: runs build-base.sh, keeping only this run's logs
  rm -f "$FAKE_DOCKER_HOME/builds.log" "$FAKE_DOCKER_HOME/pushes.log" "$FAKE_DOCKER_HOME/calls.log"
  bash "$here/build-base.sh" "$image" "$work/project" "$@" >"$work/out" 2>&1 || { cat "$work/out"; return 1; }
  touch "$FAKE_DOCKER_HOME/builds.log" "$FAKE_DOCKER_HOME/pushes.log" "$FAKE_DOCKER_HOME/calls.log"
}
expect() {  # expect DESCRIPTION WANTED-BUILDS-LOG
  local what=$1 want=$2 got
  got=$(cat "$FAKE_DOCKER_HOME/builds.log")
  if [ "$got" = "$want" ]; then
    echo "ok: $what"; passed=$((passed + 1))
  else
    echo "FAILED: $what"; echo "  wanted builds: ${want:-<none>}"; echo "  got builds:    ${got:-<none>}"; cat "$work/out"; failed=$((failed + 1))
  fi
}
check() {  # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; passed=$((passed + 1)); else echo "FAILED: $what"; cat "$work/out"; failed=$((failed + 1)); fi
}
tag() { "$deptag" digest "$@" "$work/project"; }
chain() { sed -n 's/^  "chain": \([0-9]*\),$/\1/p' "$work/project/.deptag/snapshot.json"; }

build
expect "first run builds a fresh base" "build $image:$(tag) from=fresh"
check "first run pushes the digest tag and moves latest" grep -qx "push $image:latest" "$FAKE_DOCKER_HOME/pushes.log"
check "first run pushed the digest tag" grep -qx "push $image:$(tag)" "$FAKE_DOCKER_HOME/pushes.log"

build
expect "a re-run builds nothing" ""
check "a re-run pushes nothing" test ! -s "$FAKE_DOCKER_HOME/pushes.log"

printf '# a comment only\n' >>"$work/project/requirements.txt"
build
expect "a comment-only edit builds nothing" ""

printf 'numpy==2.0.0\n' >>"$work/project/requirements.txt"
build
expect "an added dependency builds incrementally FROM the previous base" "build $image:$(tag) from=$image:latest"
check "the previous base's snapshot was read" grep -q "^docker cp c[0-9]*:/deptag/snapshot.json" "$FAKE_DOCKER_HOME/calls.log"
check "the incremental base records chain 1" test "$(chain)" = 1

grep -v '^gunicorn' "$work/project/requirements.txt" >"$work/r" && mv "$work/r" "$work/project/requirements.txt"
build
expect "a removed dependency builds a fresh base" "build $image:$(tag) from=fresh"
check "the fresh base records chain 0" test "$(chain)" = 0

export MAX_CHAIN=2
for package in attrs==23.2.0 idna==3.7; do
  printf '%s\n' "$package" >>"$work/project/requirements.txt"
  build
done
expect "the second incremental build in a row is still incremental" "build $image:$(tag) from=$image:latest"
check "the chain is at its limit" test "$(chain)" = 2
printf 'six==1.16.0\n' >>"$work/project/requirements.txt"
build
expect "the chain limit forces a fresh base" "build $image:$(tag) from=fresh"
check "the chain starts again at 0" test "$(chain)" = 0

unset MAX_CHAIN
printf '[global]\nindex-url = https://pypi.example/simple\n' >"$work/pip.conf"
build --with "$work/pip.conf" --salt linux/arm64
expect "settings outside the manifests (--with, --salt) make a new tag and a fresh base" \
  "build $image:$(tag --with "$work/pip.conf" --salt linux/arm64) from=fresh"
check "the tag is not the manifests' alone" test "$(tag --with "$work/pip.conf" --salt linux/arm64)" != "$(tag)"
build --with "$work/pip.conf" --salt linux/arm64
expect "a re-run with the same settings builds nothing" ""
printf 'rich==13.7.1\n' >>"$work/project/requirements.txt"
build --with "$work/pip.conf" --salt linux/arm64
expect "an addition with the same settings builds incrementally" \
  "build $image:$(tag --with "$work/pip.conf" --salt linux/arm64) from=$image:latest"
build --with "$work/pip.conf" --salt linux/amd64
expect "another platform builds a fresh base" "build $image:$(tag --with "$work/pip.conf" --salt linux/amd64) from=fresh"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
