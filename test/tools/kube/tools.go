//go:build tools

// Package tools pins the commands build.sh builds: the API server and etcd's server.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
)
