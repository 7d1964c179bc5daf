#!/bin/sh
set -eu
# podman, with a line continuation
podman run -d --name api \
  -p 8080:8080 \
  registry.example.com/api:1.0

# docker, already partly hardened
docker run --rm --read-only --cap-drop=ALL --tmpfs /tmp:size=16m registry.example.com/job:2 run-once
