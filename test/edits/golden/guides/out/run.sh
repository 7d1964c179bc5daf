#!/bin/sh
# Run lines from the guides, as they start out.
docker run --security-opt=no-new-privileges --user=10001:10001 --cap-drop=all --cpus=0.5 --memory=256m --read-only --tmpfs=/tmp:nosuid,nodev,noexec,size=64m --pids-limit=100 -d nginx
podman run --security-opt=no-new-privileges --user=10001:10001 --cap-drop=all --cpus=0.5 --memory=256m --pids-limit=100 --rm -it --read-only registry.fedoraproject.org/fedora-minimal
podman run --security-opt=no-new-privileges --user=10001:10001 --cap-drop=all --cpus=0.5 --memory=256m --pids-limit=100 --rm -it --read-only --tmpfs /tmp:rw,size=64m,nosuid,nodev,noexec registry.fedoraproject.org/fedora-minimal
