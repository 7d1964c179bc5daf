#!/bin/sh
# The guides' hardening flags together on one run line.
podman run -d --name web \
  --user 10001:10001 \
  --read-only --tmpfs /tmp:rw,size=64m,nosuid,nodev,noexec \
  --cap-drop=all --security-opt no-new-privileges \
  --cpus=1 --memory=256m --pids-limit=100 \
  -p 127.0.0.1:8080:8080 \
  docker.io/nginxinc/nginx-unprivileged:1.27
