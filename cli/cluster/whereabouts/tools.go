//go:build tools

// Keeps `go mod tidy` from dropping the requirement: the binaries are built by package path.
package tools

import (
	_ "github.com/k8snetworkplumbingwg/whereabouts/cmd"
	_ "github.com/k8snetworkplumbingwg/whereabouts/cmd/controlloop"
)
