#!/bin/sh
# Builds k8s-yaml (YAML -> JSON as Kubernetes reads it) into the cache outside the
# repository, once per version of its sources, and prints the binary's path.
# Used by the differential test's helper and by .ci/run. Modules come from the Go
# module proxy; the build runs at low priority (the machine is shared).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${SEAWORTHY_CACHE:-${HOME}/.cache/seaworthy}
key=$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-16)
bin="$cache/bin/k8s-yaml-$key"
if [ ! -x "$bin" ]; then
  mkdir -p "$cache/bin"
  (cd "$here" && nice -n 10 go build -trimpath -o "$bin.tmp.$$" . && mv "$bin.tmp.$$" "$bin")
fi
echo "$bin"
