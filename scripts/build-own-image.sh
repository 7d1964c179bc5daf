#!/usr/bin/env bash
# Builds the project's Containerfile with buildah where docker.io and gcr.io cannot be
# reached (this workplace reaches package registries only): the two base images it names
# are made locally first, as stand-ins tagged with the exact names the Containerfile uses,
# then `buildah bud --pull=never` builds the real Containerfile unchanged.
#   docker.io/library/node:20.19.5-bookworm-slim  ← the Debian 12 minbase root filesystem
#       (scripts/debian-rootfs.sh, debootstrap from Debian's packages) plus this machine's
#       Node 20 and npm in /usr/local, as the official image has them
#   gcr.io/distroless/nodejs20-debian12:nonroot   ← FROM scratch: /nodejs/bin/node, the
#       shared libraries it links from that same Debian 12, /etc/os-release, passwd and
#       group with nonroot (65532), /tmp; no shell, no package manager, user 65532
# The stand-ins differ from the real images in Node's patch version (this machine's
# 20.x) and in what the real ones carry besides (tzdata, dpkg status; the build stage's
# stand-in trusts this machine's CA bundle, see below).
# Usage: build-own-image.sh STORAGE_DIR TAG   (buildah's --root/--runroot live in STORAGE_DIR;
#        prints the image id). Needs root, buildah, node and npm on PATH.
set -euo pipefail
storage="$1"
tag="$2"
here="$(cd "$(dirname "$0")/.." && pwd)"
rootfs_tar="${SEAWORTHY_DEBIAN_ROOTFS:-/root/.cache/seaworthy/debootstrap-bookworm-minbase.tar}"
bash "$here/scripts/debian-rootfs.sh" "$rootfs_tar" >&2
b() { buildah --root "$storage/root" --runroot "$storage/runroot" --storage-driver vfs "$@"; }
node_bin="$(readlink -f "$(command -v node)")"
npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
npm_dir="$(cd "$npm_dir" && pwd)"
node_base="docker.io/library/node:20.19.5-bookworm-slim"
distroless="gcr.io/distroless/nodejs20-debian12:nonroot"

# The build stage's base: Debian 12 with Node and npm.
c=$(b from --pull=never scratch)
m=$(b mount "$c")
tar -C "$m" --numeric-owner -xf "$rootfs_tar"
install -D -m 0755 "$node_bin" "$m/usr/local/bin/node"
mkdir -p "$m/usr/local/lib/node_modules"
cp -a "$npm_dir" "$m/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$m/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$m/usr/local/bin/npx"
# npm ci in the build stage reaches the npm registry through this workplace's TLS-inspecting
# path: the stand-in trusts this machine's CA bundle, as a site's own base image would. The
# runtime stage does not inherit it.
ca="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
extra_ca=()
if [ -s "$ca" ]; then
  install -D -m 0644 "$ca" "$m/etc/ssl/certs/ca-certificates.crt"
  extra_ca=(--env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt)
fi
b umount "$c" >/dev/null
b config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${extra_ca[@]}" --cmd node "$c"
b commit -q --rm "$c" "$node_base" >/dev/null

# The runtime stage's base: distroless-like, no shell.
c=$(b from --pull=never scratch)
m=$(b mount "$c")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" --numeric-owner -xf "$rootfs_tar" ./etc/os-release ./usr/lib/os-release ./usr/lib/x86_64-linux-gnu ./lib64 2>/dev/null || true
install -D -m 0755 "$node_bin" "$m/nodejs/bin/node"
mkdir -p "$m/lib/x86_64-linux-gnu" "$m/lib64" "$m/etc" "$m/usr/lib" "$m/home/nonroot" "$m/tmp"
chmod 1777 "$m/tmp"
chown 65532:65532 "$m/home/nonroot"
# Exactly the libraries node links (ldd's list), copied from Debian 12, not from this machine.
for lib in $(ldd "$node_bin" | awk '/=>/ { print $1 } !/=>/ && $1 ~ /^\// { print $1 }' | xargs -n1 basename); do
  src="$(find "$work/usr/lib/x86_64-linux-gnu" "$work/lib64" -maxdepth 1 -name "$lib" 2>/dev/null | head -1)"
  [ -n "$src" ] || { echo "build-own-image.sh: $lib is not in the Debian 12 root filesystem" >&2; exit 1; }
  case "$lib" in ld-linux*) cp -L "$src" "$m/lib64/$lib" ;; *) cp -L "$src" "$m/lib/x86_64-linux-gnu/$lib" ;; esac
done
cp "$work/usr/lib/os-release" "$m/usr/lib/os-release"
ln -sf ../usr/lib/os-release "$m/etc/os-release"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$m/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$m/etc/group"
b umount "$c" >/dev/null
b config --user 65532 --workingdir /home/nonroot --entrypoint '["/nodejs/bin/node"]' --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$c"
b commit -q --rm "$c" "$distroless" >/dev/null

# The real Containerfile, unchanged, from a context of what it copies.
ctx="$work/context"
mkdir -p "$ctx"
cp -a "$here/package.json" "$here/package-lock.json" "$here/tsconfig.json" "$here/src" "$here/schema" "$here/bin" "$ctx/"
cp "$here/Containerfile" "$ctx/Containerfile"
b bud --pull=never --isolation chroot --layers -q -t "$tag" -f "$ctx/Containerfile" "$ctx"
