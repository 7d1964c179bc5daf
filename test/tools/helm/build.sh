#!/usr/bin/env bash
# Builds the real helm CLI from the Go module proxy (with helm's own go.mod) into a cache
# outside the repository, for the tests that render deploy/helm/seaworthy. Idempotent: does
# nothing when the binary is there. Prints where it is on standard error.
set -euo pipefail
version="v3.19.5"
root="${SEAWORTHY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seaworthy}"
dir="$root/helm/$version"
mkdir -p "$dir"
if [[ ! -x "$dir/helm" ]]; then
  start=$SECONDS
  GOFLAGS= GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$dir" nice -n 10 go install "helm.sh/helm/v3/cmd/helm@$version"
  echo "built helm $version in $((SECONDS - start)) s" >&2
fi
echo "helm: $dir" >&2
