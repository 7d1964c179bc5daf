#!/bin/sh
podman run --security-opt=no-new-privileges --user=65532:65532 --cap-drop=all --cpus=0.5 --memory=256m --read-only --pids-limit=100 -d --name static gcr.io/distroless/static-debian12:nonroot
docker run --security-opt=no-new-privileges --user=10001:10001 --cap-drop=all --cpus=0.5 --memory=256m --read-only --tmpfs=/tmp:nosuid,nodev,noexec,size=64m --pids-limit=100 -d --name plain registry.example.com/app:1
