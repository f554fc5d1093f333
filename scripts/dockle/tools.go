//go:build tools

// Package tools records the one command this module exists to build, so `go mod tidy` keeps
// dockle's dependencies in go.sum.
package tools

import _ "github.com/goodwithtech/dockle/cmd/dockle"
