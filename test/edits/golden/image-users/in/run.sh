#!/bin/sh
podman run -d --name static gcr.io/distroless/static-debian12:nonroot
docker run -d --name plain registry.example.com/app:1
