#!/bin/sh
# Run lines from the guides, as they start out.
docker run -d nginx
podman run --rm -it --read-only registry.fedoraproject.org/fedora-minimal
podman run --rm -it --read-only --tmpfs /tmp:rw,size=64m registry.fedoraproject.org/fedora-minimal
