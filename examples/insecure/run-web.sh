#!/bin/sh
# How the guides' examples usually start: every default left in place.
podman run -d --name web -p 8080:80 --tmpfs /tmp nginx
