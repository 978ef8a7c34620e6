//go:build tools

// Package tools pins the binaries test-cluster builds from this module:
//   go build k8s.io/kubernetes/cmd/kube-apiserver
//   go build go.etcd.io/etcd/server/v3
// The imports only keep `go mod tidy` from dropping the requirements.
package tools

import (
	_ "go.etcd.io/etcd/server/v3/etcdmain"
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
)
