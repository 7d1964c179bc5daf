#!/usr/bin/env bash
# Builds the real signers the signature tests sign with — Sigstore's cosign and the Notary
# Project's notation — with `go install` of their published modules from the Go module proxy,
# into a cache outside the repository (nothing of their source is committed). Idempotent:
# does nothing when both binaries are there. Prints where they are on standard error.
# Pins: cosign v2.6.5 writes both formats seaworthy reads (the simple-signing `.sig` tag, and
# with --new-bundle-format a Sigstore bundle as an OCI 1.1 referrer); notation v1.3.2 is the
# newest version the proxy serves. Both build with the machine's Go (1.26).
set -euo pipefail
cosign_version="v2.6.5"
notation_version="v1.3.2"
root="${SEAWORTHY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seaworthy}"
build() { # name dir module
  local name=$1 dir=$2 module=$3
  mkdir -p "$dir"
  if [[ ! -x "$dir/$name" ]]; then
    local start=$SECONDS
    GOFLAGS=-buildvcs=false GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$dir" nice -n 10 go install "$module"
    echo "built $name in $((SECONDS - start)) s" >&2
  fi
  echo "$name: $dir" >&2
}
build cosign "$root/signers/cosign-$cosign_version" "github.com/sigstore/cosign/v2/cmd/cosign@$cosign_version"
build notation "$root/signers/notation-$notation_version" "github.com/notaryproject/notation/cmd/notation@$notation_version"
