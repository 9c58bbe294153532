#!/usr/bin/env bash
# One user's crate per client, outside the workspace (tests/standalone/<client>):
# each depends on that client (path, `sandbox` feature) and tokio only, compiles
# the client's README (quick start and sandbox test) as doctests, and runs the
# README's sandbox test. Proves "one dependency is enough".
# Also checks that each client README's quick start is the one in the root README.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# one target dir for all of them (and the workspace), so dependencies build once
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

# the first ```rust block after the first line matching $2 in file $1
rust_block() {
  awk -v pat="$2" '
    !found && $0 ~ pat { found = 1; next }
    found && !inside && /^```rust/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }
  ' "$1"
}

status=0
for dir in tests/standalone/*/; do
  name=$(basename "$dir")
  printf '\n== standalone %s\n' "$name"
  if ! diff -u <(rust_block "$name/README.md" '^## Quick start') \
               <(rust_block README.md "^### $name\$"); then
    echo "the quick start of $name/README.md differs from the root README's" >&2
    status=1
  fi
  # the workspace's lock file pins the same versions the workspace is tested with
  cp Cargo.lock "$dir/Cargo.lock"
  (cd "$dir" && cargo test) || status=1
  rm -f "$dir/Cargo.lock"
done
exit $status
