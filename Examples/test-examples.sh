#!/usr/bin/env bash
# Exercises every example's Makefile (base-tag, base, app) against ci/fake-docker, in a copy of
# Examples/ (nothing here is mutated). Asserts on what was called — deptag through a recording
# wrapper, docker through the fake's calls.log and builds.log — not on printed text.
#
# Usage: test-examples.sh PATH/TO/deptag
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
real_deptag=$(cd "$(dirname "${1:?usage: test-examples.sh PATH/TO/deptag}")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here" "$work/Examples"
rm -rf "$work"/Examples/*/.deptag "$work"/Examples/*/.deptag-tag
mkdir -p "$work/bin"
ln -s "$work/Examples/ci/fake-docker" "$work/bin/docker"
# deptag, recording each call (its arguments) before running the real one.
cat >"$work/bin/deptag" <<EOF
#!/usr/bin/env bash
echo "deptag \$*" >>"$work/deptag.log"
exec "$real_deptag" "\$@"
EOF
chmod +x "$work/bin/deptag"
export PATH="$work/bin:$PATH" FAKE_DOCKER_HOME="$work/docker"
passed=0
failed=0

check() {  # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"; passed=$((passed + 1))
  else
    echo "FAILED: $what"; sed 's/^/  | /' "$work/out"; failed=$((failed + 1))
  fi
}
run_make() {  # run_make EXAMPLE TARGET [MAKE-ARG...]: fresh logs for this run; make's output in $work/out
  rm -f "$work/deptag.log" "$FAKE_DOCKER_HOME/calls.log" "$FAKE_DOCKER_HOME/builds.log" "$FAKE_DOCKER_HOME/pushes.log"
  touch "$work/deptag.log"
  mkdir -p "$FAKE_DOCKER_HOME"
  touch "$FAKE_DOCKER_HOME/calls.log" "$FAKE_DOCKER_HOME/builds.log" "$FAKE_DOCKER_HOME/pushes.log"
  local example=$1 target=$2
  shift 2
  make -C "$work/Examples/$example" "$target" IMAGE="registry.example/$example" DEPTAG="$work/bin/deptag" "$@" >"$work/out" 2>&1 || {
    echo "make $target failed in $example" >>"$work/out"; return 0; }
}
replace() {  # replace FILE OLD NEW: the first OLD in FILE becomes NEW (fails when OLD is absent)
  local content
  content=$(<"$1")
  [[ $content == *"$2"* ]] || { echo "replace: '$2' not in $1" >&2; return 1; }
  printf '%s\n' "${content/"$2"/"$3"}" >"$1"
}
has_line() { grep -qxF -- "$2" "$1"; }
lacks_digest_call() { ! grep -q '^deptag digest' "$work/deptag.log"; }
only_line() { [ "$(cat "$1")" = "$2" ]; }
mtime() { stat -c %y "$1" 2>/dev/null || stat -f %Fm "$1"; }

# The edits per example as FILE OLD NEW: one that keeps the dependencies' meaning (same), one
# that adds to them or moves a version (adds: an incremental base).
edit_for() {  # edit_for EXAMPLE same|adds: sets the array edit
  case $1/$2 in
    python/same) edit=(requirements.txt 'Django>=4.2,<5.0' 'django >= 4.2, < 5  # the web framework') ;;
    python/adds) edit=(requirements.txt gunicorn $'numpy==2.0.0\ngunicorn') ;;
    go/same) edit=(go.mod 'go 1.22' $'// The inventory service.\ngo 1.22') ;;
    go/adds) edit=(go.mod 'golang.org/x/sync v0.7.0' 'golang.org/x/sync v0.8.0') ;;
    node/same) edit=(package.json 'Order intake API and background workers' 'Order intake API') ;;
    node/adds) edit=(package.json '"zod": "3.23.x",' $'"zod": "3.23.x",\n    "lodash": "^4.17.21",') ;;
    maven/same) edit=(pom.xml 'Takes orders, reserves stock, emits events.' 'Takes orders.') ;;
    maven/adds) edit=(pom.xml $'\n  <dependencies>\n' $'\n  <dependencies>\n    <dependency><groupId>io.micrometer</groupId><artifactId>micrometer-registry-prometheus</artifactId></dependency>\n') ;;
  esac
}
edit=()

for example in python go node maven; do
  dir="$work/Examples/$example"
  image="registry.example/$example"
  echo "--- $example"

  run_make "$example" base-tag
  tag=$("$real_deptag" digest "$dir")
  check "$example: make base-tag writes the digest to .deptag-tag" test "$(cat "$dir/.deptag-tag" 2>/dev/null)" = "$tag"
  check "$example: ... with deptag digest --write" has_line "$work/deptag.log" "deptag digest --write .deptag-tag ."
  check "$example: the Makefile's prerequisites are deptag inputs" has_line "$work/deptag.log" "deptag inputs ."
  stamp=$(mtime "$dir/.deptag-tag")

  run_make "$example" base-tag
  check "$example: a second make base-tag runs nothing" lacks_digest_call
  check "$example: ... and make -q agrees the tag is up to date" make -s -q -C "$dir" base-tag DEPTAG="$work/bin/deptag" 2>/dev/null

  edit_for "$example" same
  replace "$dir/${edit[0]}" "${edit[1]}" "${edit[2]}"
  run_make "$example" base-tag
  check "$example: an edit of ${edit[0]} re-runs deptag digest --write" has_line "$work/deptag.log" "deptag digest --write .deptag-tag ."
  check "$example: ... which leaves .deptag-tag untouched when the meaning is the same" test "$(mtime "$dir/.deptag-tag")" = "$stamp"

  run_make "$example" base
  check "$example: make base builds base.Dockerfile fresh, tagged with the digest, in the example" \
    has_line "$FAKE_DOCKER_HOME/calls.log" "docker build -f ./base.Dockerfile -t $image-base:$tag ."
  check "$example: ... and pushes that tag and latest" \
    only_line "$FAKE_DOCKER_HOME/pushes.log" "push $image-base:$tag"$'\n'"push $image-base:latest"

  run_make "$example" app
  check "$example: make app builds nothing more for the base" \
    only_line "$FAKE_DOCKER_HOME/builds.log" "build $image:latest from=$image-base:$tag"
  check "$example: make app builds the Dockerfile FROM the base by its tag" \
    has_line "$FAKE_DOCKER_HOME/calls.log" "docker build -f Dockerfile --build-arg BASE_IMAGE=$image-base:$tag -t $image:latest ."

  edit_for "$example" adds
  replace "$dir/${edit[0]}" "${edit[1]}" "${edit[2]}"
  new_tag=$("$real_deptag" digest "$dir")
  run_make "$example" base-tag
  check "$example: a dependency added or moved changes the tag" test "$new_tag" != "$tag"
  check "$example: ... and make base-tag writes it" test "$(cat "$dir/.deptag-tag")" = "$new_tag"

  run_make "$example" app
  check "$example: make app builds the base incrementally FROM the previous one, then the app" \
    only_line "$FAKE_DOCKER_HOME/builds.log" "build $image-base:$new_tag from=$image-base:latest"$'\n'"build $image:latest from=$image-base:$new_tag"
  check "$example: ... passing BASE_FROM to base.Dockerfile" \
    has_line "$FAKE_DOCKER_HOME/calls.log" "docker build -f ./base.Dockerfile -t $image-base:$new_tag --build-arg BASE_FROM=$image-base:latest ."
  check "$example: ... and the new tag to the app's Dockerfile" \
    has_line "$FAKE_DOCKER_HOME/calls.log" "docker build -f Dockerfile --build-arg BASE_IMAGE=$image-base:$new_tag -t $image:latest ."
done

# Settings outside the manifests, through the Makefile's DEPTAG_OPTIONS: they feed the tag, make
# tracks the --with files, and build-base.sh gets the same options (else its tag would differ).
echo "--- DEPTAG_OPTIONS"
dir="$work/Examples/node"
image=registry.example/node
options=(DEPTAG_OPTIONS="--with .npmrc --salt linux/arm64")
printf 'registry=https://npm.example/\n' >"$dir/.npmrc"
run_make node base-tag "${options[@]}"
tag=$(cd "$dir" && "$real_deptag" digest --with .npmrc --salt linux/arm64 . 2>/dev/null)
check "node: DEPTAG_OPTIONS feed the tag" test "$(cat "$dir/.deptag-tag")" = "$tag"
check "node: ... and deptag inputs" has_line "$work/deptag.log" "deptag inputs --with .npmrc --salt linux/arm64 ."
run_make node app "${options[@]}"
check "node: build-base.sh gets them: a fresh base (new settings) under that tag, then the app FROM it" \
  only_line "$FAKE_DOCKER_HOME/builds.log" "build $image-base:$tag from=fresh"$'\n'"build $image:latest from=$image-base:$tag"
printf 'registry=https://npm.example/\nlegacy-peer-deps=true\n' >"$dir/.npmrc"
run_make node base-tag "${options[@]}"
check "node: a changed .npmrc makes make rewrite the tag" \
  test "$(cat "$dir/.deptag-tag")" = "$(cd "$dir" && "$real_deptag" digest --with .npmrc --salt linux/arm64 . 2>/dev/null)"
check "node: ... a new one" test "$(cat "$dir/.deptag-tag")" != "$tag"

# Every base.Dockerfile has the build context BuildKit gives `-f base.Dockerfile`: its own
# base.Dockerfile.dockerignore, letting in exactly the inputs deptag hashes and the snapshot.
for example in python go node maven; do
  dir="$here/$example"
  ignore="$dir/base.Dockerfile.dockerignore"
  wanted=$( (cd "$dir" && "$real_deptag" inputs . 2>/dev/null | sed 's|^\./||'; echo .deptag/snapshot.json) | sort)
  allowed=$(sed -n 's/^!//p' "$ignore" 2>/dev/null | sort)
  : >"$work/out"
  check "$example: base.Dockerfile.dockerignore lets in exactly deptag inputs and the snapshot" test "$wanted" = "$allowed"
  check "$example: ... and starts by excluding everything" test "$(grep -v '^#' "$ignore" | head -n 1)" = "*"
done

# The README's snippets marked <!-- snippet: PATH --> are PATH, byte for byte (copy-paste exact).
readme="$here/../README.md"
snippets=0
while IFS= read -r path; do
  snippets=$((snippets + 1))
  block=$(awk -v marker="<!-- snippet: $path -->" '
    $0 == marker { state = 1; next }
    state == 1 && /^```/ { state = 2; next }
    state == 2 && /^```$/ { exit }
    state == 2 { print }' "$readme")
  check "README: the snippet of $path is that file" test "$block" = "$(cat "$here/../$path")"
done < <(sed -n 's/^<!-- snippet: \(.*\) -->$/\1/p' "$readme")
check "README: it has the snippets (Makefile, CI, pre-commit, Docker)" test "$snippets" -ge 7

# The pre-commit example uses hooks this repository defines.
while IFS= read -r id; do
  check "pre-commit-config.yaml: hook $id is in .pre-commit-hooks.yaml" grep -qx -- "- id: $id" "$here/../.pre-commit-hooks.yaml"
done < <(sed -n 's/^ *- id: \([^ ]*\).*/\1/p' "$here/pre-commit-config.yaml")

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
