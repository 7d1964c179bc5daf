#!/bin/sh
set -eu
# podman, with a line continuation
podman run --security-opt=no-new-privileges --user=10001:10001 --cap-drop=all --cpus=0.5 --memory=256m --read-only --pids-limit=100 -d --name api \
  -p 127.0.0.1:8080:8080 \
  registry.example.com/api:1.0

# docker, already partly hardened
docker run --security-opt=no-new-privileges --user=10001:10001 --cpus=0.5 --memory=256m --pids-limit=100 --rm --read-only --cap-drop=ALL --tmpfs /tmp:size=16m registry.example.com/job:2 run-once
