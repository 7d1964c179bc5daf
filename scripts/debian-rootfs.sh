#!/usr/bin/env bash
# Builds (once) the Debian 12 root filesystem the vulnerability tests scan:
# `debootstrap --variant=minbase bookworm` from Debian's packages, packed as a tar
# in a cache OUTSIDE the repository. The mirror is the one apt is configured with.
# Usage: scripts/debian-rootfs.sh [TARBALL]   (default $SEAWORTHY_DEBIAN_ROOTFS or
#        /root/.cache/seaworthy/debootstrap-bookworm-minbase.tar)
set -euo pipefail
out="${1:-${SEAWORTHY_DEBIAN_ROOTFS:-/root/.cache/seaworthy/debootstrap-bookworm-minbase.tar}}"
if [ -s "$out" ]; then echo "debian rootfs: cached at $out"; exit 0; fi
command -v debootstrap >/dev/null || { echo "debootstrap is not installed" >&2; exit 1; }
mirror="$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | sed 's/^URIs: *//')"
[ -n "$mirror" ] || mirror="$(grep -hoE '^deb +[^ ]+/debian/? ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')"
[ -n "$mirror" ] || { echo "no Debian mirror found in apt's sources" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
timeout 2700 debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/log" 2>&1 || { tail -20 "$work/log" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
tar -C "$work/rootfs" --numeric-owner -cf "$out.tmp" .
mv "$out.tmp" "$out"
echo "debian rootfs: built in $(( $(date +%s) - start )) s at $out"
