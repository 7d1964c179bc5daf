#!/usr/bin/env bash
# Builds the real signers the signature tests sign with — Sigstore's cosign and the Notary
# Project's notation — from the Go module proxy into a cache outside the repository (nothing
# of their source is committed). Idempotent: does nothing when both binaries are there.
# Prints where they are on standard error.
# Pins: cosign v2.6.5 writes both formats seaworthy reads (the simple-signing `.sig` tag, and
# with --new-bundle-format a Sigstore bundle as an OCI 1.1 referrer); it is built with
# `go install` and its own go.mod. notation v1.3.2 (the version the proxy serves) is built from
# notation/go.mod here: the proxy refuses notation's version list, which `go install
# module@version` reads to look for a deprecation notice. Both build with the machine's Go.
# Cold: cosign 24 min wall (8 min CPU) on 2 cores under load average ~11.
set -euo pipefail
cosign_version="v2.6.5"
here="$(cd "$(dirname "$0")" && pwd)"
notation_version="$(awk '$1 == "require" && $2 == "github.com/notaryproject/notation" { print $3 }' "$here/notation/go.mod")"
[[ -n "$notation_version" ]] || { echo "build.sh: no notation version in $here/notation/go.mod" >&2; exit 1; }
root="${SEAWORTHY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seaworthy}"
cosign_dir="$root/signers/cosign-$cosign_version"
notation_dir="$root/signers/notation-$notation_version"
mkdir -p "$cosign_dir" "$notation_dir"
export GOTOOLCHAIN=local CGO_ENABLED=0
if [[ ! -x "$cosign_dir/cosign" ]]; then
  start=$SECONDS
  GOFLAGS=-buildvcs=false GOBIN="$cosign_dir" nice -n 10 go install "github.com/sigstore/cosign/v2/cmd/cosign@$cosign_version"
  echo "built cosign $cosign_version in $((SECONDS - start)) s" >&2
fi
if [[ ! -x "$notation_dir/notation" ]]; then
  start=$SECONDS
  (cd "$here/notation" && GOFLAGS=-mod=readonly nice -n 10 go build -trimpath -o "$notation_dir/notation.tmp" github.com/notaryproject/notation/cmd/notation)
  mv "$notation_dir/notation.tmp" "$notation_dir/notation"
  echo "built notation $notation_version in $((SECONDS - start)) s" >&2
fi
echo "cosign: $cosign_dir" >&2
echo "notation: $notation_dir" >&2
