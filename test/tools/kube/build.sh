#!/usr/bin/env bash
# Builds the real kube-apiserver and etcd (from this go.mod, through the Go module proxy) and the
# real opa, into a cache outside the repository. Idempotent: does nothing when the binaries are
# there. Tells where the binaries are on standard error. Used by .ci/run and the end-to-end tests.
# Usage: build.sh [kube] [opa]   (both when none is named)
set -euo pipefail
want="${*:-kube opa}"
here="$(cd "$(dirname "$0")" && pwd)"
kube_version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2 }' "$here/go.mod")"
[[ -n "$kube_version" ]] || { echo "build.sh: no k8s.io/kubernetes version in $here/go.mod" >&2; exit 1; }
opa_version="v1.22.3"
root="${SEAWORTHY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seaworthy}"
cache="$root/kube/$kube_version"
opa_dir="$root/opa/$opa_version"
mkdir -p "$cache" "$opa_dir"
# readonly: go.sum is complete (go mod tidy), so a build never rewrites files in the repo.
export GOFLAGS=-mod=readonly GOTOOLCHAIN=local CGO_ENABLED=0
if [[ " $want " == *" kube "* ]] && [[ ! -x "$cache/kube-apiserver" || ! -x "$cache/etcd" ]]; then
  start=$SECONDS
  (cd "$here" && nice -n 10 go build -trimpath -o "$cache/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver \
    && nice -n 10 go build -trimpath -o "$cache/etcd.tmp" go.etcd.io/etcd/server/v3)
  mv "$cache/kube-apiserver.tmp" "$cache/kube-apiserver"
  mv "$cache/etcd.tmp" "$cache/etcd"
  echo "built kube-apiserver $kube_version and etcd in $((SECONDS - start)) s" >&2
fi
if [[ " $want " == *" opa "* && ! -x "$opa_dir/opa" ]]; then
  start=$SECONDS
  # go install NAME@VERSION builds with opa's own go.mod, outside this module.
  GOFLAGS= GOBIN="$opa_dir" nice -n 10 go install "github.com/open-policy-agent/opa@$opa_version"
  echo "built opa $opa_version in $((SECONDS - start)) s" >&2
fi
echo "kube: $cache" >&2
echo "opa: $opa_dir" >&2
